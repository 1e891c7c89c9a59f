using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using PortfolioMargin.Tests.Models.SpanFiles;
using Xunit;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Serialization.SpanXml;

/// <summary>span-xml.md §4: each bad input gives a clear error naming the element path and the line.</summary>
public sealed class SpanBadInputTests
{
    private static SpanFormatException Fails(string xml) => Assert.Throws<SpanFormatException>(() => SpanFile.Parse(xml));

    private static int LineOf(string xml, string needle) => xml[..xml.IndexOf(needle, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Malformed_xml_reports_the_line()
    {
        string xml = Calendar(string.Empty).Replace("</exchange>", "</exchang>", StringComparison.Ordinal);
        var e = Fails(xml);
        Assert.Contains("malformed XML", e.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(xml, "</exchang>"), e.LineNumber);
        Assert.StartsWith("spanFile/pointInTime/clearingOrg", e.ElementPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Risk_array_without_sixteen_values_names_the_ra_element()
    {
        string bad = "<fut><cId>9</cId><pe>202403</pe>\n<ra><r>1</r><a>1</a><a>2</a><d>1</d></ra></fut>";
        string xml = File(Pf("futPf", 1, "ES", bad), CcDef("ES", PfLink(1, "FUT")));
        var e = Fails(xml);
        Assert.Equal("spanFile/pointInTime/clearingOrg/exchange/futPf/fut/ra", e.ElementPath);
        Assert.Equal(LineOf(xml, "<ra>"), e.LineNumber);
        Assert.Contains("2 values, expected 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_numeric_value_names_the_leaf()
    {
        string xml = File(Pf("futPf", 1, "ES", "<fut><cId>9</cId><pe>202403</pe>\n" + Ra(Unit(1), 1).Replace("<r>1</r><a>", "<r>1</r><a>abc</a><a>", StringComparison.Ordinal) + "</fut>"), CcDef("ES", PfLink(1, "FUT")));
        var e = Fails(xml);
        Assert.Equal("spanFile/pointInTime/clearingOrg/exchange/futPf/fut/ra/a", e.ElementPath);
        Assert.Contains("'abc' is not a finite number", e.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(xml, "<ra>"), e.LineNumber);
    }

    [Fact]
    public void Missing_pfLink_target_names_the_pfLink_and_its_line()
    {
        string xml = Calendar(string.Empty).Replace("<pfLink><exch>X</exch><pfId>1</pfId>", "\n<pfLink><exch>X</exch><pfId>77</pfId>", StringComparison.Ordinal);
        var e = Fails(xml);
        Assert.Equal("spanFile/pointInTime/clearingOrg/ccDef/pfLink", e.ElementPath);
        Assert.Equal(LineOf(xml, "<pfLink>"), e.LineNumber);
        Assert.Contains("pfId 77", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_contract_ids_are_rejected_with_the_line_of_the_second()
    {
        string xml = File(Pf("futPf", 1, "ES", SpanFixtures.Fut(1, "202403", Unit(1)) + "\n" + SpanFixtures.Fut(1, "202406", Unit(1))), CcDef("ES", PfLink(1, "FUT")));
        var e = Fails(xml);
        Assert.Contains("duplicate contract id 1", e.Message, StringComparison.Ordinal);
        Assert.Equal(LineOf(xml, "<fut><cId>1</cId><pe>202406"), e.LineNumber);
        Assert.EndsWith("futPf/fut", e.ElementPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_major_file_format_is_rejected()
    {
        var e = Fails(File(string.Empty, string.Empty, format: "3.00"));
        Assert.Equal("spanFile/fileFormat", e.ElementPath);
        Assert.Contains("'3.00' is not supported", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_root_and_missing_point_in_time_are_rejected()
    {
        Assert.Contains("expected <spanFile>", Fails("<other/>").Message, StringComparison.Ordinal);
        Assert.Contains("no <pointInTime>", Fails("<spanFile><fileFormat>4.00</fileFormat></spanFile>").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_leg_side_and_tier_reference_are_rejected()
    {
        var side = Fails(Calendar(Spread(1, 1, "F", PLeg("ES", "202403", 'A'), PLeg("ES", "202406", 'Z'))));
        Assert.EndsWith("dSpread/pLeg/rs", side.ElementPath, StringComparison.Ordinal);
        var tier = Fails(Calendar(Spread(4, 1, "F", TLeg("ES", 1, 'A'), TLeg("ES", 2, 'B'))));
        Assert.Contains("names intra tier 1", tier.Message, StringComparison.Ordinal);
        Assert.EndsWith("dSpread/tLeg", tier.ElementPath, StringComparison.Ordinal);
    }

    [Fact]
    public void Option_without_strike_is_rejected()
    {
        string xml = File(Pf("oofPf", 1, "OX", $"<series><pe>202406</pe><opt><cId>1</cId><o>C</o><p>1</p>{Ra(new double[16], 0)}</opt></series>"), CcDef("OX", PfLink(1, "OOF")));
        Assert.Contains("needs <o> and <k>", Fails(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parts_not_applied_are_reported_in_diagnostics()
    {
        var p = SpanFile.Parse(File(string.Empty, string.Empty, extraClearingOrg: "<superSpreads><dSpread/></superSpreads>"));
        Assert.Contains(p.Diagnostics, d => d.Contains("superSpreads", StringComparison.Ordinal) && d.Contains("not applied", StringComparison.Ordinal));
    }
}
