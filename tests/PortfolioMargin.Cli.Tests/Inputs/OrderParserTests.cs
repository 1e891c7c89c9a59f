using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Cli.Inputs;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;
using QuickStart;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Inputs;

/// <summary>An inline order is a positions-CSV row: same instrument, same quantity, same validation.</summary>
public sealed class OrderParserTests
{
    private static readonly IReadOnlyDictionary<string, Underlying> Underlyings = DefaultBook.Market().Underlyings;

    [Property(MaxTest = 300)]
    public Property Any_quantity_and_contract_size_read_back_exactly() =>
        Prop.ForAll(
            Gen.Choose(-1_000_000, 1_000_000).Select(n => n / 7.0).Where(q => q != 0).ToArbitrary(),
            Gen.Elements(1.0, 10.0, 100.0, 0.1, 1.0 / 3).ToArbitrary(),
            (quantity, size) =>
            {
                string text = FormattableString.Invariant($"kind=future,underlying=BTC,expiry=2027-03-26T08:00:00Z,settlement=inverse,multiplier={size:R},quantity={quantity:R}");
                Position p = OrderParser.Parse(text, Underlyings);
                return p.Quantity.Equals(quantity) && p.Instrument == new Future(DefaultBook.Btc, DefaultBook.Mar, inverse: true, multiplier: size);
            });

    [Fact]
    public void Keys_are_case_insensitive_in_any_order_and_a_quoted_name_keeps_its_comma_free_text()
    {
        Position p = OrderParser.Parse(" Quantity = -2 , RIGHT=put,strike=80000,expiry=2026-12-25T08:00:00Z,Underlying=BTC,kind=option,settlement=inverse,name=my put ", Underlyings);
        Assert.Equal(new EuropeanOption(DefaultBook.Btc, OptionRight.Put, 80_000, DefaultBook.Dec, OptionSettlement.Inverse, name: "my put"), p.Instrument);
        Assert.Equal(-2, p.Quantity);
    }

    [Fact]
    public void An_inline_order_reads_like_the_same_csv_row()
    {
        const string row = "option,ETH,2027-03-26T08:00:00Z,4000,call,,,-20,";
        Position fromCsv = PositionCsv.Read(new StringReader(PositionCsv.Header + "\n" + row + "\n"), Underlyings)[0];
        Position inline = OrderParser.Parse("kind=option,underlying=ETH,expiry=2027-03-26T08:00:00Z,strike=4000,right=call,quantity=-20", Underlyings);
        Assert.Equal(fromCsv, inline);
    }

    [Theory]
    [InlineData("kind=future,kind=spot,underlying=BTC,quantity=1", "key 'kind' is given twice")]
    [InlineData("kind=spot,underlying=BTC", "quantity")]
    [InlineData("=spot", "is not key=value")]
    public void Bad_orders_name_the_problem(string order, string expected)
    {
        var e = Assert.Throws<CliInputException>(() => OrderParser.Parse(order, Underlyings));
        Assert.StartsWith($"--order '{order}': ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
