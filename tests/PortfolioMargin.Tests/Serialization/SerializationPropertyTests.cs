using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using static PortfolioMargin.Tests.Serialization.SerializationTestData;

namespace PortfolioMargin.Tests.Serialization;

/// <summary>Round trips for random portfolios (every instrument kind, offsets, multipliers, names, quantities) and scenario sets.</summary>
public sealed class SerializationPropertyTests
{
    private static readonly Underlying[] Pool = [Btc, Eth, new("SOLUSDT", new Currency("SOL"), Currency.Usdt)];

    // Doubles that are not short decimals, so the text form must be exact to round-trip.
    private static readonly Gen<double> Awkward =
        from n in Gen.Choose(-1_000_000, 1_000_000)
        from d in Gen.Elements(1.0, 3.0, 7.0, 1e3, 1e-5)
        select n / d;

    private static readonly Gen<Instrument> Instruments =
        from u in Gen.Elements(Pool)
        from kind in Gen.Choose(0, 6)
        from multiplier in Gen.Elements(1.0, 0.1, 10.0, 100.0, 1.0 / 3)
        from days in Gen.Choose(0, 3_000)
        from ticks in Gen.Choose(0, int.MaxValue)
        from offsetQuarters in Gen.Choose(-48, 56)
        from strike in Gen.Choose(1, 5_000_000)
        from named in Gen.Choose(0, 3)
        select Make(u, kind, multiplier, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(15 * offsetQuarters)).AddDays(days).AddTicks(ticks), strike / 7.0,
            named == 0 ? $"custom, \"{kind}\" #{days}" : null);

    private static readonly Gen<Portfolio> Portfolios =
        from n in Gen.Choose(0, 25)
        from instruments in Gen.ArrayOf(Instruments, n)
        from quantities in Gen.ArrayOf(Awkward, n)
        from reuse in Gen.Choose(0, 3)
        select new Portfolio(instruments.Zip(quantities, (i, q) => new Position(i, q))
            .Concat(n > 0 && reuse == 0 ? [new Position(instruments[0], 1)] : []));

    private static readonly Gen<UnderlyingShock> Shocks =
        from price in Gen.Choose(-999_999, 5_000_000)
        from vol in Awkward
        from relative in Gen.Elements(false, true)
        from exponent in Gen.Choose(0, 100)
        from reference in Gen.Choose(1, 365)
        select new UnderlyingShock(price / 1e6, vol / 1e6, relative ? VolMoveKind.Relative : VolMoveKind.Absolute, exponent / 100.0, reference);

    private static readonly Gen<ScenarioSet> Sets =
        from n in Gen.Choose(1, 30)
        from defaults in Gen.ArrayOf(Shocks, n)
        from hasDefault in Gen.ArrayOf(Gen.Elements(true, false), n)
        from explicitShocks in Gen.ArrayOf(Gen.ArrayOf(Shocks, 2), n)
        from weights in Gen.ArrayOf(Gen.Choose(1, 10_000), n)
        from shifts in Gen.ArrayOf(Gen.Choose(0, 30), n)
        select new ScenarioSet($"random {n}", Enumerable.Range(0, n).Select(i => new Scenario(
            $"S{i}", i % 3 == 0 ? "" : $"scenario \"{i}\"",
            hasDefault[i] && i % 2 == 0 ? null : new Dictionary<string, UnderlyingShock> { ["BTC"] = explicitShocks[i][0], ["ETH/USD"] = explicitShocks[i][1] },
            hasDefault[i] ? defaults[i] : null, weights[i] / 1_000.0, shifts[i] / 4.0)));

    private static Instrument Make(Underlying u, int kind, double multiplier, DateTimeOffset expiry, double strike, string? name) => kind switch
    {
        0 => new SpotInstrument(u, multiplier, name),
        1 => new Perpetual(u, false, multiplier, name),
        2 => new Perpetual(u, true, multiplier, name),
        3 => new Future(u, expiry, false, multiplier, name),
        4 => new Future(u, expiry, true, multiplier, name),
        5 => new EuropeanOption(u, OptionRight.Call, strike, expiry, OptionSettlement.Linear, multiplier, name),
        _ => new EuropeanOption(u, OptionRight.Put, strike, expiry, OptionSettlement.Inverse, multiplier, name),
    };

    [Property(MaxTest = 200)]
    public Property Any_portfolio_read_back_from_its_json_equals_the_original() =>
        Prop.ForAll(Portfolios.ToArbitrary(), p => Same(p, PortfolioJson.Parse(PortfolioJson.ToJson(p))));

    [Property(MaxTest = 200)]
    public Property Any_portfolio_read_back_from_its_csv_equals_the_original() =>
        Prop.ForAll(Portfolios.ToArbitrary(), p =>
        {
            var underlyings = Pool.ToDictionary(u => u.Symbol);
            return Same(p, PositionCsv.Read(new StringReader(PositionCsv.ToCsv(p)), underlyings));
        });

    [Property(MaxTest = 200)]
    public Property Any_scenario_set_read_back_from_its_json_equals_the_original() =>
        Prop.ForAll(Sets.ToArbitrary(), s => Same(s, ScenarioSetJson.Parse(ScenarioSetJson.ToJson(s))));

    [Property(MaxTest = 100)]
    public Property Writing_what_was_read_gives_the_same_text() =>
        Prop.ForAll(Portfolios.ToArbitrary(), p =>
        {
            string json = PortfolioJson.ToJson(p);
            return json == PortfolioJson.ToJson(PortfolioJson.Parse(json));
        });
}
