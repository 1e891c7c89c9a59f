using PortfolioMargin.Cli.Output;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Output;

/// <summary>Aligned text tables and number formatting (invariant culture).</summary>
public sealed class TextTableTests
{
    [Theory]
    [InlineData(1234567.891, 2, "1,234,567.89")]
    [InlineData(-0.004, 2, "0.00")]
    [InlineData(-0.006, 2, "-0.01")]
    [InlineData(-1500, 0, "-1,500")]
    public void Amounts_have_separators_and_no_negative_zero(double value, int decimals, string expected) =>
        Assert.Equal(expected, TextTable.Amount(value, decimals));

    [Fact]
    public void Columns_align_text_left_and_numbers_right()
    {
        var writer = new StringWriter();
        TextTable.Write(writer, ["name", "value", "note"], [["a", "1.00", "x"], ["long name", "1,000.00", "yy"]], 2);
        Assert.Equal(
            "name          value  note\n" +
            "---------  --------  ----\n" +
            "a              1.00  x\n" +
            "long name  1,000.00  yy\n",
            writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Percentages_have_one_decimal_and_non_finite_ones_say_so()
    {
        Assert.Equal("69.8 %", TextTable.Percent(0.6977));
        Assert.Equal("n/a", TextTable.Percent(double.NaN));
    }
}
