using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Cli.Output;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Output;

/// <summary>RFC 4180 quoting and round-trip numbers.</summary>
public sealed class CsvTableTests
{
    [Property(MaxTest = 300)]
    public Property Any_text_field_reads_back_unchanged(NonNull<string> text, double number) =>
        Prop.ForAll(Gen.Elements(",", "\"", "\r\n", "\n", "plain", " spaced ").ToArbitrary(), extra =>
        {
            string field = text.Get.Replace("\0", "", StringComparison.Ordinal) + extra;
            var writer = new StringWriter();
            new CsvTable(writer).Row(field, number);
            string line = writer.ToString();
            string[] back = CsvLine.Split(line[..^1]);
            return line.EndsWith('\n') && back.Length == 2 && back[0] == field
                && (double.IsFinite(number) ? double.Parse(back[1], System.Globalization.CultureInfo.InvariantCulture).Equals(number) : back[1].Length == 0);
        });

    [Fact]
    public void Absent_values_are_empty_fields_and_integers_are_plain()
    {
        var writer = new StringWriter();
        new CsvTable(writer).Row(null, 3, 1.0 / 3, true, double.NaN, "a,b");
        Assert.Equal("," + "3,0.3333333333333333,true,,\"a,b\"\n", writer.ToString());
    }
}
