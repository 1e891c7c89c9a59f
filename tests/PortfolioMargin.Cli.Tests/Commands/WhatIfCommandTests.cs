using System.Text.Json;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using QuickStart;
using Xunit;

namespace PortfolioMargin.Cli.Tests.Commands;

/// <summary><c>whatif</c> equals the library's what-if calculator and a full recomputation of book + order.</summary>
public sealed class WhatIfCommandTests
{
    private const string SellCalls = "kind=option,underlying=BTC,expiry=2027-03-26T08:00:00Z,strike=110000,right=call,settlement=inverse,quantity=-2";

    private static readonly Position[] ExampleOrders =
    [
        new(new EuropeanOption(DefaultBook.Btc, OptionRight.Call, 110_000, DefaultBook.Mar, OptionSettlement.Inverse), -2),
        new(new Perpetual(DefaultBook.Eth), -10),
    ];

    [Theory]
    [InlineData("grid", null)]
    [InlineData("var", "examples/var.json")]
    [InlineData("delta-gamma-var", "examples/var.json")]
    [InlineData("isolated", null)]
    public void An_order_file_gives_the_library_what_if_and_the_full_recomputation(string model, string? parameters)
    {
        CliRun run = Tool.Run(["whatif", "examples/book.json", "--market", "examples/market.json", "--orders", "examples/orders.csv", "--model", model,
            .. parameters is null ? Array.Empty<string>() : ["--params", parameters], "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        IMarginModel m = Library.Model(model);
        WhatIfResult expected = WhatIfCalculator.Create(m, Library.Book).WhatIf(ExampleOrders);
        MarginResult full = m.Calculate(ResolvedPortfolio.Resolve(Library.Book.Portfolio.Add(ExampleOrders), Library.Book.Market));
        JsonElement json = run.Json;
        Assert.Equal("portfoliomargin/whatif-report", json.GetProperty("format").GetString());
        Assert.Equal(expected.InitialBefore, json.GetProperty("initialBefore").GetDouble());
        Assert.Equal(expected.InitialAfter, json.GetProperty("initialAfter").GetDouble());
        Assert.Equal(expected.MaintenanceAfter, json.GetProperty("maintenanceAfter").GetDouble());
        Assert.Equal(full.InitialMargin, json.GetProperty("initialAfter").GetDouble(), 1e-9 * full.InitialMargin);
        Assert.Equal(expected.Groups.Length, json.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public void An_inline_order_is_the_same_as_the_position_built_in_code()
    {
        CliRun run = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json", "--order", SellCalls, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        WhatIfResult expected = WhatIfCalculator.Create(Library.Grid, Library.Book).WhatIf(ExampleOrders[0]);
        Assert.Equal(expected.InitialAfter, run.Json.GetProperty("initialAfter").GetDouble());
        Assert.Equal("BTC-26MAR27-110000-C-INV", run.Json.GetProperty("order")[0].GetProperty("instrument").GetString());
    }

    [Fact]
    public void Several_inline_orders_add_up_like_the_order_file()
    {
        CliRun inline = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json", "--order", SellCalls,
            "--order", "kind=perpetual,underlying=ETH,quantity=-10", "--format", "json");
        CliRun file = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json", "--orders", "examples/orders.csv", "--format", "json");
        Assert.Equal(file.Json.GetProperty("initialAfter").GetDouble(), inline.Json.GetProperty("initialAfter").GetDouble());
    }

    [Fact]
    public void A_VaR_group_without_a_scan_risk_is_written_as_null()
    {
        CliRun run = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json", "--order", SellCalls, "--model", "var", "--params", "examples/var.json", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (JsonElement g in run.Json.GetProperty("groups").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Null, g.GetProperty("scanRiskAfter").ValueKind);
        }
    }

    [Theory]
    [InlineData("kind=option,underlying=SOL,quantity=1", "unknown underlying 'SOL'")]
    [InlineData("kind=future,underlying=BTC,quantity=1,colour=red", "unknown key 'colour'")]
    [InlineData("kind=future underlying=BTC", "is not key=value")]
    [InlineData("kind=option,underlying=BTC,expiry=2027-03-26T08:00:00Z,strike=-5,right=call,quantity=1", "strike")]
    [InlineData("kind=future,underlying=BTC,expiry=2026-12-31T08:00:00Z,quantity=1", "forward")]
    public void A_bad_inline_order_is_bad_input_naming_the_order(string order, string expected)
    {
        CliRun run = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json", "--order", order);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_order_the_command_says_what_it_needs()
    {
        CliRun run = Tool.Run("whatif", "examples/book.json", "--market", "examples/market.json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("whatif needs an order", run.Error, StringComparison.Ordinal);
    }
}
