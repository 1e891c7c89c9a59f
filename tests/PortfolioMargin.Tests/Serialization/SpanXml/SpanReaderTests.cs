using System.IO.Compression;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Serialization;
using PortfolioMargin.Testing;
using PortfolioMargin.Tests.Models.SpanFiles;
using Xunit;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Serialization.SpanXml;

public sealed class SpanReaderTests
{
    [Fact]
    public void Reads_every_element_kind_of_the_McMillan_fixture()
    {
        var p = SpanFile.Parse(McMillan(Tiers("somTiers", (1, "202401", "202412", 5)) + "<adjRate><r>2</r><baseR>1</baseR><val>1.1</val></adjRate>"));
        Assert.Equal("4.00", p.FileFormat);
        Assert.Equal("20240102", p.BusinessDate);
        Assert.True(p.IsSettlement);
        Assert.Equal("TST", p.ClearingOrganization);
        Assert.Equal("USD", p.Currencies.Single().Code);
        Assert.Equal(16, p.ScenarioPoints.Length);
        Assert.Equal(-1, p.ScenarioPoints[12].PriceMove, 12);
        Assert.Equal(14, p.ScenarioPoints[12].PairedPoint);
        Assert.Equal(2, p.ContractCount);
        var cc = p.FindCombinedCommodity("SP")!;
        Assert.Equal(2, cc.PfLinks.Length);
        Assert.Equal(new SpanAdjRate(2, 1, 1.1), cc.AdjRates.Single());
        Assert.Equal(5, cc.SomTiers.Single().Rates.Single().Value);

        Assert.True(p.TryFindContract(new SpanContractKey("SP", "SP", "202412", 410, SpanOptionRight.Call), out var call));
        Assert.Equal(SpanProductKind.OptionOnFuture, call.Kind);
        Assert.Equal(new SpanContractId("X", 2, 2), call.Id);
        Assert.Equal(500, call.ContractValueFactor);       // family cvf (no contract or series cvf)
        Assert.Equal(8, call.Price);
        Assert.Equal(0.55, call.CompositeDelta);
        Assert.Equal(Loss(McMillanCall), call.RiskArray.ToArray());
        Assert.Equal("SP", call.CombinedCommodity);

        Assert.True(p.TryFindContract(new SpanContractId("X", 1, 1), out var fut));
        Assert.Equal(SpanProductKind.Future, fut.Kind);
        Assert.Null(fut.Strike);
        Assert.Equal(1, fut.ContractValueFactor);
        Assert.Equal(2 * 16, p.RiskArrayValues.Length);
    }

    [Fact]
    public void Alternative_risk_arrays_stay_addressable_and_the_first_is_the_base()
    {
        string fut = $"<fut><cId>1</cId><pe>202403</pe><p>1</p>{Ra(Unit(1000), 1, r: 1)}{Ra(Unit(2000), 0.9, r: 2)}</fut>";
        var p = SpanFile.Parse(File(Pf("futPf", 1, "ES", fut), CcDef("ES", PfLink(1, "FUT"))));
        var c = p.GetContract(0);
        Assert.Equal(2, c.RiskArrayCount);
        Assert.Equal(1000, c.RiskArray[12], 12);
        Assert.Equal(2000, c.GetRiskArray(1).Span[12], 12);
        Assert.Equal(2, c.GetRiskArrayRateId(1));
        Assert.Equal(0.9, c.GetCompositeDelta(1));
    }

    [Fact]
    public void Cvf_falls_back_from_contract_to_series_to_family_to_one()
    {
        string opts = "<series><pe>202406</pe><cvf>20</cvf>" + Opt(1, 'C', 100, 1, new double[16], 0.5)
            + $"<opt><cId>2</cId><o>P</o><k>100</k><p>1</p><cvf>7</cvf>{Ra(new double[16], -0.5)}</opt></series>";
        var p = SpanFile.Parse(File(Pf("oofPf", 1, "OX", opts, cvf: 50), CcDef("OX", PfLink(1, "OOF"))));
        Assert.Equal(20, p.GetContract(0).ContractValueFactor);   // series
        Assert.Equal(7, p.GetContract(1).ContractValueFactor);    // own
    }

    [Fact]
    public void Filter_by_combined_commodity_keeps_only_its_families()
    {
        string xml = File(
            Pf("futPf", 10, "C", SpanFixtures.Fut(1, "202403", Unit(1))) + Pf("futPf", 20, "S", SpanFixtures.Fut(1, "202403", Unit(2))),
            CcDef("C", PfLink(10, "FUT")) + CcDef("S", PfLink(20, "FUT")));
        var p = SpanFile.Parse(xml, new SpanReadOptions { CombinedCommodities = ["S"] });
        Assert.Equal("S", p.CombinedCommodities.Single().Code);
        Assert.Equal("S", p.ProductFamilies.Single().Code);
        Assert.Equal(1, p.ContractCount);
        Assert.Equal(2, p.GetContract(0).RiskArray[12], 12);
        Assert.Throws<ArgumentException>(() => SpanFile.Parse(xml, new SpanReadOptions { CombinedCommodities = ["ZZ"] }));
    }

    [Fact]
    public void Reads_a_file_a_stream_and_a_zip()
    {
        string xml = McMillan();
        string dir = Directory.CreateTempSubdirectory("span-test").FullName;
        try
        {
            string path = Path.Combine(dir, "cme.20240102.s.spn");
            System.IO.File.WriteAllText(path, xml);
            string zipPath = Path.Combine(dir, "cme.zip");
            using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(path, "cme.20240102.s.spn");
            }

            var fromFile = SpanFile.Load(path);
            var fromZip = SpanFile.Load(zipPath);
            using var nonSeekable = new NonSeekableStream(System.IO.File.ReadAllBytes(zipPath));
            var fromZipStream = SpanFile.Load(nonSeekable);
            using var plain = new NonSeekableStream(System.IO.File.ReadAllBytes(path));
            var fromStream = SpanFile.Load(plain);
            foreach (var p in new[] { fromZip, fromZipStream, fromStream })
            {
                Assert.Equal(fromFile.ContractCount, p.ContractCount);
                Assert.Equal(fromFile.RiskArrayValues.ToArray(), p.RiskArrayValues.ToArray());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Generated_file_round_trips_every_contract_and_array_value()
    {
        using var ms = new MemoryStream();
        SpanSyntheticFile.Write(ms, combinedCommodities: 3, periods: 4, strikes: 5, seed: 42);
        ms.Position = 0;
        var p = SpanFile.Load(ms);
        var expected = SpanSyntheticFile.Contracts(3, 4, 5, 42).ToList();
        Assert.Equal(expected.Count, p.ContractCount);     // 3 · (4 futures + 4 · 5 · 2 options) = 132
        Assert.Equal(132, p.ContractCount);
        foreach (var e in expected)
        {
            var key = e.Kind == SpanProductKind.Future
                ? new SpanContractKey(e.CombinedCommodity, e.CombinedCommodity, e.Period, Kind: e.Kind)
                : new SpanContractKey(e.CombinedCommodity, e.CombinedCommodity, e.Period, e.Strike, e.Right == 'C' ? SpanOptionRight.Call : SpanOptionRight.Put);
            Assert.True(p.TryFindContract(key, out var c), key.ToString());
            Assert.True(p.TryFindContract(new SpanContractId("SYN", e.PfId, e.Cid), out var byId));
            Assert.Equal(c, byId);
            Assert.Equal(e.Values, c.RiskArray.ToArray());
            Assert.Equal(e.CompositeDelta, c.CompositeDelta);
            Assert.Equal(e.Price, c.Price);
            Assert.Equal(50, c.ContractValueFactor);
        }
    }

    [Fact]
    public void Retained_storage_is_at_most_twice_the_raw_risk_array_doubles_by_construction()
    {
        using var ms = new MemoryStream();
        SpanSyntheticFile.Write(ms, combinedCommodities: 4, periods: 6, strikes: 20, seed: 1);
        ms.Position = 0;
        var p = SpanFile.Load(ms);
        long raw = (long)p.RiskArrayValues.Length * sizeof(double);
        // One flat double[] (stride 16) plus per-contract columns: 4 ints + 4 doubles + 2 bytes + 2 permutation ints
        // = 58 bytes per 128 bytes of values, and 12 bytes per risk array → (128 + 58 + 12) / 128 ≈ 1.55.
        Assert.InRange((double)p.StorageBytes / raw, 1.0, 2.0);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
