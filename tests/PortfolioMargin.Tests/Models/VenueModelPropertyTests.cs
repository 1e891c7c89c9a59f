using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Bybit;
using PortfolioMargin.Models.Deribit;
using PortfolioMargin.Models.Derive;
using PortfolioMargin.Models.Okx;
using PortfolioMargin.Portfolios;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models;

/// <summary>
/// Invariants of the four venue models on random mixed BTC/ETH books: contributions and breakdown sum to the totals,
/// permutation and position splitting change nothing, and positive homogeneity where the method is homogeneous
/// (Derive and Bybit; Deribit's USD dampener and delta-shock threshold and OKX's tiered MR7 are not).
/// </summary>
public sealed class VenueModelPropertyTests
{
    private static readonly Instrument[] Pool =
    [
        new Future(Btc, Mar), new Future(Btc, Jun, inverse: true, multiplier: 100), new Perpetual(Btc), new Perpetual(Btc, inverse: true, multiplier: 10),
        new SpotInstrument(Btc), new Perpetual(Eth), new Future(Eth, Mar),
        new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), new EuropeanOption(Btc, OptionRight.Put, 55_000, Mar, OptionSettlement.Inverse),
        new EuropeanOption(Btc, OptionRight.Call, 70_000, Jun, OptionSettlement.Inverse), new EuropeanOption(Eth, OptionRight.Put, 2_800, Mar),
        new EuropeanOption(Eth, OptionRight.Call, 3_300, Mar, OptionSettlement.Inverse),
    ];

    internal static readonly IMarginModel[] Models = [DeriveModel.Default, DeribitModel.Default, OkxModel.Default, BybitModel.Default];

    private static Gen<Position[]> Books =>
        from n in Gen.Choose(1, 7)
        from picks in Gen.ArrayOf(Gen.Choose(0, Pool.Length - 1), n)
        from qty in Gen.ArrayOf(Gen.Choose(-6, 6).Where(q => q != 0), n)
        select picks.Select((p, i) => new Position(Pool[p], qty[i] * (Pool[p].Multiplier >= 10 ? 500 : 1))).ToArray();

    private static MarginResult Margin(IMarginModel model, IEnumerable<Position> book) => model.Calculate(new Portfolio(book), Snapshot());

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-7 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    [Property(MaxTest = 40)]
    public Property Contributions_and_breakdown_sum_to_the_totals_for_every_venue() =>
        Prop.ForAll(Books.ToArbitrary(), book => Models.All(m =>
        {
            MarginResult r = Margin(m, book);
            MarginNode root = r.Breakdown;
            return Close(root.Initial, r.InitialMargin) && Close(root.Maintenance, r.MaintenanceMargin)
                && Close(root.Children.Sum(c => c.Initial), r.InitialMargin) && Close(root.Children.Sum(c => c.Maintenance), r.MaintenanceMargin)
                && root.Children.All(c => c.Children.IsEmpty || Close(c.Children.Sum(x => x.Initial), c.Initial))
                && Close(r.Contributions.Sum(c => c.Initial), r.InitialMargin)
                && r.InitialMargin >= r.MaintenanceMargin - 1e-9 && r.MaintenanceMargin >= 0;
        }));

    [Property(MaxTest = 30)]
    public Property Permuting_positions_changes_nothing_for_every_venue() =>
        Prop.ForAll(Books.ToArbitrary(), book => Models.All(m =>
            Close(Margin(m, book).InitialMargin, Margin(m, book.Reverse()).InitialMargin)
            && Close(Margin(m, book).MaintenanceMargin, Margin(m, book.Reverse()).MaintenanceMargin)));

    [Property(MaxTest = 30)]
    public Property Splitting_a_position_in_two_changes_nothing_for_every_venue() =>
        Prop.ForAll(Books.ToArbitrary(), book => Models.All(m =>
            Close(Margin(m, book).InitialMargin, Margin(m, book.Skip(1).Append(book[0].Scale(0.25)).Append(book[0].Scale(0.75))).InitialMargin)));

    [Property(MaxTest = 30)]
    public Property Derive_and_Bybit_are_positively_homogeneous() =>
        Prop.ForAll(Books.ToArbitrary(), Gen.Choose(1, 40).Select(k => k / 8.0).ToArbitrary(), (book, lambda) =>
            new IMarginModel[] { DeriveModel.Default, BybitModel.Default }.All(m =>
                Close(Margin(m, book.Select(p => p.Scale(lambda))).InitialMargin, lambda * Margin(m, book).InitialMargin)));
}
