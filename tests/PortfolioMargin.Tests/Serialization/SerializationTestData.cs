using System.Collections.Immutable;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>
/// The examples of docs/file-formats.md (copied verbatim: if the docs change, change them here too), the same objects
/// built in code, and structural comparisons for types whose records compare collections by reference.
/// </summary>
internal static class SerializationTestData
{
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Mar = new(2026, 3, 27, 8, 0, 0, TimeSpan.Zero);
    public static readonly Underlying Btc = new("BTC", Currency.Btc, Currency.Usd);
    public static readonly Underlying Eth = new("ETH", Currency.Eth, Currency.Usd);

    public const string PortfolioExample = """
        {
          "format": "portfoliomargin/portfolio",
          "version": 1,
          "underlyings": [
            { "symbol": "BTC", "base": "BTC", "quote": "USD" },
            { "symbol": "ETH", "base": "ETH", "quote": "USD" }
          ],
          "instruments": [
            { "id": "BTC-PERP", "kind": "perpetual", "underlying": "BTC" },
            { "id": "BTC-27MAR26-60000-C", "kind": "option", "underlying": "BTC",
              "expiry": "2026-03-27T08:00:00Z", "strike": 60000, "right": "call" },
            { "id": "BTC-27MAR26-INV", "kind": "future", "underlying": "BTC",
              "expiry": "2026-03-27T08:00:00Z", "settlement": "inverse", "multiplier": 10 },
            { "id": "ETH-SPOT", "kind": "spot", "underlying": "ETH", "name": "ETH cold wallet" }
          ],
          "positions": [
            { "instrument": "BTC-PERP", "quantity": 1.5 },
            { "instrument": "BTC-27MAR26-60000-C", "quantity": -2 },
            { "instrument": "BTC-27MAR26-INV", "quantity": 100 },
            { "instrument": "ETH-SPOT", "quantity": 10 }
          ]
        }
        """;

    public static Portfolio PortfolioExampleObject() => new(
        new Position(new Perpetual(Btc), 1.5),
        new Position(new EuropeanOption(Btc, OptionRight.Call, 60_000, Mar), -2),
        new Position(new Future(Btc, Mar, inverse: true, multiplier: 10), 100),
        new Position(new SpotInstrument(Eth, name: "ETH cold wallet"), 10));

    public const string MarketSnapshotExample = """
        {
          "format": "portfoliomargin/market-snapshot",
          "version": 1,
          "valuationTime": "2026-01-02T08:00:00Z",
          "reportCurrency": "USD",
          "dayCount": "act365Fixed",
          "spots": [
            { "symbol": "BTC", "base": "BTC", "quote": "USD", "price": 60000 },
            { "symbol": "ETH", "base": "ETH", "quote": "USD", "price": 3000 }
          ],
          "forwards": [
            { "underlying": "BTC", "expiry": "2026-03-27T08:00:00Z", "price": 61000 }
          ],
          "volSurfaces": [
            { "underlying": "BTC", "smile": [
                { "expiry": "2026-03-27T08:00:00Z", "strikes": [50000, 60000, 70000], "vols": [0.65, 0.60, 0.62] } ] },
            { "underlying": "ETH", "term": [
                { "expiry": "2026-03-27T08:00:00Z", "vol": 0.75 },
                { "expiry": "2026-06-26T08:00:00Z", "vol": 0.70 } ] }
          ],
          "rates": [ { "currency": "USD", "rate": 0.04 } ],
          "fx": [ { "currency": "USDT", "rate": 1.0 } ]
        }
        """;

    public static MarketSnapshot MarketSnapshotExampleObject() =>
        new MarketSnapshot(Now, Currency.Usd)
            .WithSpot(Btc, 60_000).WithSpot(Eth, 3_000).WithForward(Btc, Mar, 61_000)
            .WithVolSurface(Btc, VolSurface.Smile([(Mar, [50_000.0, 60_000, 70_000], [0.65, 0.60, 0.62])]))
            .WithVolSurface(Eth, VolSurface.TermStructure([KeyValuePair.Create(Mar, 0.75), KeyValuePair.Create(new DateTimeOffset(2026, 6, 26, 8, 0, 0, TimeSpan.Zero), 0.70)]))
            .WithRate(Currency.Usd, 0.04).WithFxRate(Currency.Usdt, 1.0);

    public const string ScenarioSetExample = """
        {
          "format": "portfoliomargin/scenario-set",
          "version": 1,
          "name": "Stress",
          "scenarios": [
            { "id": "UP10", "name": "price +10%, vol -5 pts", "default": { "priceMove": 0.10, "volMove": -0.05 } },
            { "id": "CRASH", "name": "BTC -30%, ETH -40%, vols +50%", "weight": 1, "timeShiftDays": 1,
              "shocks": [
                { "underlying": "BTC", "priceMove": -0.30, "volMove": 0.5, "volMoveKind": "relative" },
                { "underlying": "ETH", "priceMove": -0.40, "volMove": 0.5, "volMoveKind": "relative" }
              ] }
          ]
        }
        """;

    public static ScenarioSet ScenarioSetExampleObject() => new("Stress",
    [
        Scenario.Uniform("UP10", "price +10%, vol -5 pts", new UnderlyingShock(0.10, -0.05)),
        new Scenario("CRASH", "BTC -30%, ETH -40%, vols +50%", new Dictionary<string, UnderlyingShock>
        {
            ["BTC"] = new(-0.30, 0.5, VolMoveKind.Relative),
            ["ETH"] = new(-0.40, 0.5, VolMoveKind.Relative),
        }, null, 1, 1),
    ]);

    public const string GridParametersExample = """
        {
          "format": "portfoliomargin/grid-parameters",
          "version": 1,
          "label": "EXAMPLE-PM-2026-01",
          "scenarioSets": [
            { "id": "grid", "name": "15% grid", "scenarios": [
                { "id": "DN", "default": { "priceMove": -0.15, "volMove": 0.10 } },
                { "id": "UP", "default": { "priceMove": 0.15, "volMove": 0.10 } } ] }
          ],
          "groups": [
            { "group": "BTC", "scenarioSet": "grid", "initialToMaintenance": 1.25,
              "intraTiers": [ { "number": 1, "fromDays": 0, "toDays": 30 }, { "number": 2, "fromDays": 30, "toDays": 400 } ],
              "intraSpreads": [ { "priority": 1, "tierA": 1, "tierB": 2, "deltaPerSpreadA": 1, "deltaPerSpreadB": 1, "chargePerSpread": 50 } ],
              "shortOptionContingencyRate": 0.01, "offsettingFuturesContingencyRate": 0.01 },
            { "group": "ETH", "scenarioSet": "grid", "initialToMaintenance": 1.25 }
          ],
          "interSpreads": [
            { "priority": 1, "creditRate": 0.5, "legs": [
                { "group": "BTC", "deltaPerSpread": 1, "side": "a" },
                { "group": "ETH", "deltaPerSpread": 20, "side": "b" } ] }
          ]
        }
        """;

    public static GridParameters GridParametersExampleObject()
    {
        var set = new ScenarioSet("15% grid",
            [Scenario.Uniform("DN", "DN", new UnderlyingShock(-0.15, 0.10)), Scenario.Uniform("UP", "UP", new UnderlyingShock(0.15, 0.10))]);
        var btc = new GridGroupParameters(set, 1.25, [new ExpiryTier(1, 0, 30), new ExpiryTier(2, 30, 400)], [new IntraSpreadRule(1, 1, 2, 1, 1, 50)],
            shortOptionContingencyRate: 0.01, offsettingFuturesContingencyRate: 0.01);
        var eth = new GridGroupParameters(set, 1.25);
        return new GridParameters("EXAMPLE-PM-2026-01", new Dictionary<string, GridGroupParameters> { ["BTC"] = btc, ["ETH"] = eth },
            [new InterGroupSpread(1, 0.5, [new InterSpreadLeg("BTC", 1, SpreadSide.A), new InterSpreadLeg("ETH", 20, SpreadSide.B)])]);
    }

    public const string IsolatedRatesExample = """
        {
          "format": "portfoliomargin/isolated-rates",
          "version": 1,
          "default": { "linearRate": 0.10, "shortOptionA": 0.15, "shortOptionB": 0.10, "maintenanceFraction": 0.5 },
          "overrides": [
            { "appliesTo": "ETH", "linearRate": 0.12, "shortOptionA": 0.18, "shortOptionB": 0.12, "maintenanceFraction": 0.5 }
          ]
        }
        """;

    public static IsolatedModel IsolatedRatesExampleObject() =>
        new(new IsolatedRates(0.10, 0.15, 0.10, 0.5), new Dictionary<string, IsolatedRates> { ["ETH"] = new(0.12, 0.18, 0.12, 0.5) });

    public const string PositionsCsvExample = """
        kind,underlying,expiry,strike,right,settlement,multiplier,quantity,name
        perpetual,BTC,,,,,,1.5,
        option,BTC,2026-03-27T08:00:00Z,60000,call,,,-2,
        future,BTC,2026-03-27T08:00:00Z,,,inverse,10,100,
        spot,ETH,,,,,,10,ETH cold wallet
        """;

    public static IReadOnlyDictionary<string, Underlying> Underlyings { get; } = new Dictionary<string, Underlying> { ["BTC"] = Btc, ["ETH"] = Eth };

    // ---- structural comparisons ----

    public static bool Same(Portfolio a, Portfolio b) => a.Positions.SequenceEqual(b.Positions);

    public static bool Same(MarketSnapshot a, MarketSnapshot b) =>
        a.ValuationTime.EqualsExact(b.ValuationTime) && a.ReportCurrency == b.ReportCurrency && a.DayCount == b.DayCount
        && SameMap(a.SpotPrices, b.SpotPrices) && SameMap(a.ForwardPrices, b.ForwardPrices) && SameMap(a.Rates, b.Rates) && SameMap(a.FxRates, b.FxRates)
        && a.Underlyings.Count == b.Underlyings.Count && a.Underlyings.All(kv => b.Underlyings.TryGetValue(kv.Key, out var u) && u == kv.Value)
        && a.VolSurfaces.Count == b.VolSurfaces.Count && a.VolSurfaces.All(kv => b.VolSurfaces.TryGetValue(kv.Key, out var s) && Same(kv.Value, s));

    public static bool Same(VolSurface a, VolSurface b) =>
        a.Shape == b.Shape && a.FlatVolatility.Equals(b.FlatVolatility) && a.Pillars.Length == b.Pillars.Length
        && a.Pillars.Zip(b.Pillars).All(p => p.First.Expiry.EqualsExact(p.Second.Expiry) && p.First.Strikes.SequenceEqual(p.Second.Strikes) && p.First.Vols.SequenceEqual(p.Second.Vols));

    public static bool Same(ScenarioSet a, ScenarioSet b) =>
        a.Name == b.Name && a.Count == b.Count && a.Scenarios.Zip(b.Scenarios).All(p => Same(p.First, p.Second));

    public static bool Same(Scenario a, Scenario b) =>
        a.Id == b.Id && a.Name == b.Name && a.Weight.Equals(b.Weight) && a.TimeShiftDays.Equals(b.TimeShiftDays)
        && Equals(a.Default, b.Default) && a.Shocks.SequenceEqual(b.Shocks);

    public static bool Same(GridParameters a, GridParameters b) =>
        a.Version == b.Version && a.Groups.Keys.SequenceEqual(b.Groups.Keys) && a.Groups.All(kv => Same(kv.Value, b.Groups[kv.Key]))
        && a.InterSpreads.Length == b.InterSpreads.Length
        && a.InterSpreads.Zip(b.InterSpreads).All(p => p.First.Priority == p.Second.Priority && p.First.CreditRate.Equals(p.Second.CreditRate) && p.First.Legs.SequenceEqual(p.Second.Legs));

    public static bool Same(GridGroupParameters a, GridGroupParameters b) =>
        Same(a.Scenarios, b.Scenarios) && a.InitialToMaintenance.Equals(b.InitialToMaintenance)
        && a.IntraTiers.SequenceEqual(b.IntraTiers) && a.IntraSpreads.SequenceEqual(b.IntraSpreads)
        && a.ShortOptionMinimumPerUnit.Equals(b.ShortOptionMinimumPerUnit) && a.ShortOptionMinimumMethod == b.ShortOptionMinimumMethod
        && a.ShortOptionContingencyRate.Equals(b.ShortOptionContingencyRate) && a.OffsettingFuturesContingencyRate.Equals(b.OffsettingFuturesContingencyRate)
        && a.NetOptionValue == b.NetOptionValue;

    public static bool Same(IsolatedModel a, IsolatedModel b) => a.DefaultRates == b.DefaultRates && a.Overrides.SequenceEqual(b.Overrides);

    private static bool SameMap<TKey, TValue>(ImmutableDictionary<TKey, TValue> a, ImmutableDictionary<TKey, TValue> b)
        where TKey : notnull =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out TValue? v) && EqualityComparer<TValue>.Default.Equals(kv.Value, v));
}
