using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Models.SpanFiles.SpanFixtures;

namespace PortfolioMargin.Tests.Models.SpanFiles;

/// <summary>
/// The SPAN file as a member of the model family: rates that follow the file, the instrument map and the file's market,
/// and the capabilities every model has — accounts, batches, what-if and stress tests on an exchange file.
/// </summary>
public sealed class SpanFileModelTests
{
    /// <summary>The bundled synthetic EIX file (samples/SpanFile): futures Mar–Dec 2026, options on the Jun future; pbRateDef r 1 maintenance, r 2 initial; adjRate r 2 = 1.1 × r 1.</summary>
    internal static SpanRiskParameters Eix()
    {
        using Stream s = typeof(SpanFileModelTests).Assembly.GetManifestResourceStream("eix-synthetic.spn")!;
        return SpanFile.Load(s);
    }

    private static Instrument Eix(SpanInstrumentMap map, string period, double? strike = null, SpanOptionRight? right = null) =>
        map.InstrumentFor(new SpanContractKey("EIX", "EIX", period, strike, right));

    [Fact]
    public void Initial_margin_follows_the_files_rate_definitions_without_being_asked()
    {
        // The file defines r 1 as the speculator maintenance rate and r 2 as the initial one (adjRate 1.1): IM = 1.1 × MM
        // with the default parameters, as the exchange intends. The old calculator returned IM = MM unless told InitialRateId = 2.
        var file = Eix();
        var model = new SpanFileModel(file);
        var map = model.Map;
        var book = new Portfolio(new Position(Eix(map, "202606"), 1), new Position(Eix(map, "202609"), -1));
        MarginResult r = model.Calculate(book, map.Market());
        Assert.Equal(250, r.MaintenanceMargin, 9);
        Assert.Equal(275, r.InitialMargin, 9);
        Assert.Contains("maintenance r = 1, initial r = 2", model.Rates, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Diagnostics, d => d.Code == "SPAN_RATES");
    }

    [Fact]
    public void A_file_without_rate_definitions_margins_IM_equal_to_MM_and_says_so()
    {
        var file = SpanFile.Parse(Calendar("<adjRate><r>2</r><baseR>1</baseR><val>1.1</val></adjRate>"));
        var model = new SpanFileModel(file);
        MarginResult r = model.Calculate(new Portfolio(new Position(model.Map.InstrumentFor(new SpanContractKey("ES", "ES", "202403")), 1)), model.Map.Market());
        Assert.Equal(r.MaintenanceMargin, r.InitialMargin);
        MarginDiagnostic d = Assert.Single(r.Diagnostics, d => d.Code == "SPAN_RATES");
        Assert.Contains("IM = MM", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_type_the_file_does_not_define_is_refused_listing_what_it_defines()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpanFileModel(Eix(), new SpanFileParameters { AccountType = "HEDGE" }));
        Assert.Contains("HEDGE", e.Message, StringComparison.Ordinal);
        Assert.Contains("r 1 customer SPEC maintenance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_map_generates_an_instrument_per_contract_and_the_market_prices_them_from_the_file()
    {
        var file = Eix();
        var map = SpanInstrumentMap.FromFile(file);
        Assert.Equal(file.ContractCount, map.Count);
        var jun = (Future)Eix(map, "202606");
        Assert.Equal((50.0, "EIX/EIX 202606", new DateTimeOffset(2026, 6, 30, 0, 0, 0, TimeSpan.Zero)), (jun.Multiplier, jun.Name, jun.ExpiryTime));
        MarketSnapshot market = map.Market(fallbackVolatility: 0.2);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), market.ValuationTime);
        Assert.Equal(5030, market.Forward(jun.Underlying, jun.ExpiryTime));
        var call = (EuropeanOption)Eix(map, "202606", 5000, SpanOptionRight.Call);
        Assert.Equal(5030, market.Forward(call.Underlying, call.ExpiryTime)); // the option series' period future
        Assert.Equal(0.2, market.Volatility(call));
        Assert.True(map.TryGetContract(call, out SpanContract c) && c.Strike == 5000);
    }

    [Fact]
    public void An_explicit_map_names_what_it_cannot_map()
    {
        var file = Eix();
        var u = new Underlying("EIX", new Currency("EIXIDX"), Currency.Usd);
        var missing = new Future(u, DateTimeOffset.UnixEpoch, name: "EIX 203012");
        var e = Assert.Throws<ArgumentException>(() => new SpanInstrumentMap(file, [KeyValuePair.Create((Instrument)missing, new SpanContractKey("EIX", "EIX", "203012"))]));
        Assert.Contains("EIX 203012", e.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<ArgumentException>(() => new SpanInstrumentMap(file,
            [KeyValuePair.Create((Instrument)missing, new SpanContractKey("EIX", "EIX", "202606")), KeyValuePair.Create((Instrument)missing, new SpanContractKey("EIX", "EIX", "202609"))]));
        Assert.Contains("mapped twice", twice.Message, StringComparison.Ordinal);
        var lot = Assert.Throws<ArgumentException>(() => SpanInstrumentMap.FromFile(file, new Dictionary<string, double> { ["EIX"] = 0 }));
        Assert.Contains("'EIX'", lot.Message, StringComparison.Ordinal);
        var other = Assert.Throws<ArgumentException>(() => new SpanFileModel(file, map: SpanInstrumentMap.FromFile(Eix())));
        Assert.Contains("another SPAN file", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmapped_position_is_named()
    {
        var file = Eix();
        var model = new SpanFileModel(file);
        var btc = new Underlying("BTC", Currency.Btc, Currency.Usd);
        MarketSnapshot market = model.Map.Market().WithSpot(btc, 90_000);
        var e = Assert.Throws<SpanUnmatchedPositionsException>(() => model.Calculate(new Portfolio(new Position(new SpotInstrument(btc), 1)), market));
        Assert.Contains("not mapped", e.Message, StringComparison.Ordinal);
        Assert.Contains("BTC", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_account_is_margined_from_a_span_file()
    {
        // Short Jun 5000 straddle plus cash: the account's margin is the model's, its equity the cash plus the options' value.
        var file = Eix();
        var model = new SpanFileModel(file);
        var map = model.Map;
        MarketSnapshot market = map.Market(fallbackVolatility: 0.2);
        var positions = new Portfolio(new Position(Eix(map, "202606", 5000, SpanOptionRight.Call), -1), new Position(Eix(map, "202606", 5000, SpanOptionRight.Put), -1));
        var account = new Account("broker-1", positions, [new CollateralBalance(Currency.Usd, 100_000)]);
        AccountMargin a = AccountCalculator.Calculate(account, model, market);
        MarginResult direct = model.Calculate(positions, market);
        Assert.Equal(direct.MaintenanceMargin, a.MaintenanceMargin, 9);
        Assert.Equal(direct.InitialMargin, a.InitialMargin, 9);
        Assert.Equal(100_000 + PortfolioValuation.Of(positions, market).TotalValueInReport, a.Equity, 6);
        Assert.Equal(AccountStatus.Healthy, a.Status);
        Assert.True(a.InitialMargin > a.MaintenanceMargin);
    }

    [Fact]
    public void A_batch_of_1000_accounts_equals_each_account_margined_alone()
    {
        var file = SpanPropertyTests.Book;
        var model = new SpanFileModel(file, new SpanFileParameters { InitialRateId = 2 });
        Instrument[] instruments = [.. model.Map.Instruments.OrderBy(i => i.Name, StringComparer.Ordinal)];
        MarketSnapshot market = WithForwards(model.Map.Market(fallbackVolatility: 0.3), instruments);
        var rng = new Random(7);
        var accounts = new List<Account>(1000);
        for (int k = 0; k < 1000; k++)
        {
            var book = new Portfolio(Enumerable.Range(0, 1 + rng.Next(6)).Select(_ => new Position(instruments[rng.Next(instruments.Length)], rng.Next(-10, 11))));
            accounts.Add(new Account($"acct-{k}", book, [new CollateralBalance(Currency.Usd, 50_000)]));
        }

        var batch = BatchMargin.Calculate(accounts, model, market);
        for (int k = 0; k < accounts.Count; k++)
        {
            AccountMargin alone = AccountCalculator.Calculate(accounts[k], model, market);
            Assert.Equal(alone.MaintenanceMargin, batch[k].MaintenanceMargin);
            Assert.Equal(alone.InitialMargin, batch[k].InitialMargin);
            Assert.Equal(alone.Margin.Contributions, batch[k].Margin.Contributions);
        }
    }

    /// <summary>Options of the property book's fixture have no future of their series' period: give them one (SPAN does not use it).</summary>
    private static MarketSnapshot WithForwards(MarketSnapshot market, IEnumerable<Instrument> instruments)
    {
        foreach (EuropeanOption o in instruments.OfType<EuropeanOption>())
        {
            market = market.WithForward(o.Underlying, o.ExpiryTime, o.Strike);
        }

        return market;
    }

    [Property(MaxTest = 150)]
    public Property What_if_equals_a_full_recomputation(int[] book, int[] order)
    {
        var model = new SpanFileModel(SpanPropertyTests.Book, new SpanFileParameters { InitialRateId = 2 });
        Instrument[] instruments = [.. model.Map.Instruments.OrderBy(i => i.Name, StringComparer.Ordinal)];
        MarketSnapshot market = WithForwards(model.Map.Market(fallbackVolatility: 0.3), instruments);
        Portfolio Book(int[] q) => new(q.Select((x, i) => new Position(instruments[Math.Abs(x) % instruments.Length], (x % 13) + (i % 2 * 0.5))));
        Portfolio b = Book(book), o = Book(order);
        SpanWhatIf whatIf = model.CreateWhatIf(ResolvedPortfolio.Resolve(b, market));
        WhatIfResult w = whatIf.WhatIf([.. o.Positions]);
        MarginResult before = model.Calculate(b, market);
        MarginResult after = model.Calculate(b.Add([.. o.Positions]), market);
        SpanWhatIf applied = whatIf.Apply([.. o.Positions]);
        static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * (1 + Math.Abs(x) + Math.Abs(y));
        bool ok = Close(w.MaintenanceBefore, before.MaintenanceMargin) && Close(w.InitialBefore, before.InitialMargin)
            && Close(w.MaintenanceAfter, after.MaintenanceMargin) && Close(w.InitialAfter, after.InitialMargin)
            && Close(applied.InitialMargin, after.InitialMargin) && Close(w.Groups.Sum(g => g.MaintenanceAfter), after.MaintenanceMargin)
            && ReferenceEquals(WhatIfCalculator.Create(model, ResolvedPortfolio.Resolve(b, market)).GetType(), typeof(SpanWhatIf));
        return ok.Label($"what-if MM {w.MaintenanceAfter} IM {w.InitialAfter} vs full {after.MaintenanceMargin} {after.InitialMargin}");
    }

    [Fact]
    public void A_span_book_is_stress_tested_with_the_files_margin_and_the_librarys_revaluation()
    {
        // Covered call on EIX: −20 % and +20 % moves. P&L by full revaluation of the instruments; the margin under stress is
        // the file's (its risk arrays are the exchange's for the day), so it equals today's margin while nothing expires.
        var file = Eix();
        var model = new SpanFileModel(file);
        var map = model.Map;
        MarketSnapshot market = map.Market(fallbackVolatility: 0.2);
        var book = ResolvedPortfolio.Resolve(new Portfolio(new Position(Eix(map, "202606"), 1), new Position(Eix(map, "202606", 5200, SpanOptionRight.Call), -1)), market);
        ScenarioSet set = StressScenarios.Set("EIX moves",
            StressScenarios.Create("down20", "EIX −20 %", new Dictionary<string, double> { ["EIX"] = -0.20 }),
            StressScenarios.Create("up20", "EIX +20 %", new Dictionary<string, double> { ["EIX"] = 0.20 }));
        StressReport report = StressTest.Run(book, set, model);
        MarginResult today = model.Calculate(book);
        Assert.All(report.Scenarios, s => Assert.Equal(today.MaintenanceMargin, s.MarginUnderStress.MaintenanceMargin, 9));
        // Down 20 %: the future loses 0.2 · 5,030 · 50 = 50,300; the short call gains back at most its premium.
        StressScenarioResult down = report.Scenarios[0];
        double callValue = PortfolioValuation.Of(book).Positions[1].ValueInReport;
        Assert.InRange(down.Pnl, -50_300 + 0, -50_300 - callValue + 1e-6);
        Assert.Equal("down20", report.Worst.Scenario.Id);
    }

    [Fact]
    public void Breakdowns_print_no_negative_zero()
    {
        var file = Eix();
        var model = new SpanFileModel(file);
        var book = new Portfolio(new Position(Eix(model.Map, "202606"), 1), new Position(Eix(model.Map, "202609"), -1));
        string text = model.Calculate(book, model.Map.Market()).Breakdown.ToText();
        Assert.Contains("EIX/inter credit: MM 0.00, IM 0.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("-0.00", text, StringComparison.Ordinal);
        Assert.Equal("x: MM 0.00, IM 0.00", MarginNode.Leaf("x", -0.0, -1e-9).ToText().TrimEnd());
    }
}
