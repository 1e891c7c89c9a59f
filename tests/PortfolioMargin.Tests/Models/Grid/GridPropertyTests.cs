using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.Grid;

/// <summary>The invariants of spec §8 for the scenario-grid model, on random mixed BTC/ETH books.</summary>
public sealed class GridPropertyTests
{
    private static readonly Instrument[] Pool =
    [
        new Future(Btc, Mar), new Future(Btc, Jun, inverse: true, multiplier: 100), new Perpetual(Btc), new Perpetual(Btc, inverse: true, multiplier: 10),
        new SpotInstrument(Btc), new Perpetual(Eth), new Future(Eth, Mar),
        new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse),
        new EuropeanOption(Btc, OptionRight.Call, 70_000, Jun, OptionSettlement.Inverse), new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar),
        new EuropeanOption(Eth, OptionRight.Call, 3_300, Mar, OptionSettlement.Inverse),
    ];

    private static readonly ScenarioGridModel Plain = new(GridModelTests.Params());
    private static readonly ScenarioGridModel WithAddOns = new(GridModelTests.Params(som: 300, contingency: 0.01, futContingency: 0.01));

    private static Gen<Position[]> Books =>
        from n in Gen.Choose(1, 8)
        from picks in Gen.ArrayOf(Gen.Choose(0, Pool.Length - 1), n)
        from qty in Gen.ArrayOf(Gen.Choose(-6, 6).Where(q => q != 0), n)
        select picks.Select((p, i) => new Position(Pool[p], qty[i] * (Pool[p].Multiplier >= 10 ? 50 : 1))).ToArray();

    private static double Im(ScenarioGridModel model, IEnumerable<Position> book) => model.Calculate(new Portfolio(book), Snapshot()).InitialMargin;

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-7 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Property(MaxTest = 60)]
    public Property Permuting_positions_changes_nothing() =>
        Prop.ForAll(Books.ToArbitrary(), book => Close(Im(WithAddOns, book), Im(WithAddOns, book.Reverse())));

    [Property(MaxTest = 60)]
    public Property Splitting_a_position_in_two_changes_nothing() =>
        Prop.ForAll(Books.ToArbitrary(), book =>
        {
            var split = book.Skip(1).Append(book[0].Scale(0.25)).Append(book[0].Scale(0.75));
            return Close(Im(WithAddOns, book), Im(WithAddOns, split));
        });

    [Property(MaxTest = 60)]
    public Property A_book_and_its_exact_opposite_margin_to_zero() =>
        Prop.ForAll(Books.ToArbitrary(), book => Math.Abs(Im(Plain, book.Concat(book.Select(p => p.Scale(-1))))) <= 1e-6);

    [Property(MaxTest = 60)]
    public Property Margin_is_positively_homogeneous() =>
        Prop.ForAll(Books.ToArbitrary(), Gen.Choose(1, 40).ToArbitrary(), (book, k) =>
        {
            double lambda = k / 8.0;
            return Close(lambda * Im(WithAddOns, book), Im(WithAddOns, book.Select(p => p.Scale(lambda))));
        });

    [Property(MaxTest = 60)]
    public Property Portfolio_margin_never_exceeds_the_sum_of_standalone_margins() =>
        Prop.ForAll(Books.ToArbitrary(), book =>
        {
            EfficiencyReport r = EfficiencyReport.Compute(WithAddOns, ResolvedPortfolio.Resolve(new Portfolio(book), Snapshot()));
            return r.Total.PortfolioMargin <= (r.Total.StandaloneSum * (1 + 1e-9)) + 1e-9 && r.Total.Efficiency is >= -1e-9 and <= 1; // equality (all legs lose in one scenario) may round either way
        });

    [Property(MaxTest = 60)]
    public Property Contributions_sum_to_the_totals() =>
        Prop.ForAll(Books.ToArbitrary(), book =>
        {
            MarginResult r = WithAddOns.Calculate(new Portfolio(book), Snapshot());
            return Close(r.Contributions.Sum(c => c.Initial), r.InitialMargin) && Close(r.Contributions.Sum(c => c.Maintenance), r.MaintenanceMargin);
        });

    [Property(MaxTest = 40)]
    public Property Wider_scan_ranges_never_lower_a_short_option_book_margin() =>
        // range + extra ≤ 45 %: with the ×2 extreme move the largest fall stays above −100 % (a valid shock).
        Prop.ForAll(Books.ToArbitrary(), Gen.Choose(5, 25).ToArbitrary(), Gen.Choose(1, 20).ToArbitrary(), (book, range, extra) =>
        {
            var shortOptions = book.Where(p => p.Instrument is EuropeanOption).Select(p => new Position(p.Instrument, -Math.Abs(p.Quantity))).ToArray();
            if (shortOptions.Length == 0)
            {
                return true;
            }

            ScenarioGridModel narrow = new(GridModelTests.Params(TestGrids.Classic16(range / 100.0, 0.10)));
            ScenarioGridModel wide = new(GridModelTests.Params(TestGrids.Classic16((range + extra) / 100.0, 0.10)));
            return Im(wide, shortOptions) >= Im(narrow, shortOptions) * (1 - 1e-12);
        });

    /// <remarks>
    /// "Higher vols" for the grid means a larger vol shock: short options lose at least as much in every vol-up
    /// scenario and the worst loss of a short-option book sits in a vol-up or vol-unchanged scenario. (Raising the
    /// implied-vol level itself is not monotone: the base mark rises too, so a short OTM option can lose less
    /// relative to its new mark in a scenario that moves it further from the money.)
    /// </remarks>
    [Property(MaxTest = 40)]
    public Property Larger_vol_shocks_never_lower_a_short_option_book_margin() =>
        Prop.ForAll(Books.ToArbitrary(), Gen.Choose(1, 30).ToArbitrary(), Gen.Choose(1, 30).ToArbitrary(), (book, vol, extra) =>
        {
            var shortOptions = book.Where(p => p.Instrument is EuropeanOption).Select(p => new Position(p.Instrument, -Math.Abs(p.Quantity))).ToArray();
            if (shortOptions.Length == 0)
            {
                return true;
            }

            ScenarioGridModel small = new(GridModelTests.Params(TestGrids.Classic16(0.15, vol / 100.0)));
            ScenarioGridModel large = new(GridModelTests.Params(TestGrids.Classic16(0.15, (vol + extra) / 100.0)));
            return Im(large, shortOptions) >= Im(small, shortOptions) * (1 - 1e-12);
        });
}
