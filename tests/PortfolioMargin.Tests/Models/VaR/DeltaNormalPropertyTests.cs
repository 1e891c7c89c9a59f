using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>Spec §8 invariants of delta-normal VaR on random linear and option books.</summary>
public sealed class DeltaNormalPropertyTests
{
    private const int K = 4;
    private static readonly (MarketSnapshot Market, PortfolioMargin.Instruments.Underlying[] U) M = VaRTestBooks.Market(K);

    private static Portfolio RandomBook(int seed, int count)
    {
        var rnd = new Random(seed);
        var q = new double[count];
        for (int i = 0; i < count; i++)
        {
            q[i] = Math.Round((rnd.NextDouble() * 20) - 10, 2);
        }

        return VaRTestBooks.LinearBook(M.U, q).Add([.. VaRTestBooks.OptionBook(M.U, 1 + (count / 2), seed)]);
    }

    private static DeltaNormalVaR Model(int seed, VaRMeasure measure = VaRMeasure.ValueAtRisk) =>
        new(VaRTestBooks.Factors(K, seed), new VaROptions { Confidence = 0.99, HorizonDays = 2, Measure = measure });

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * (1 + Math.Abs(a) + Math.Abs(b));

    private static double Margin(DeltaNormalVaR m, Portfolio p) => m.Calculate(ResolvedPortfolio.Resolve(p, M.Market)).InitialMargin;

    [Property(MaxTest = 50)]
    public bool Positive_homogeneity_scaling_the_book_by_lambda_scales_var_by_lambda(int seed, byte size, PositiveInt lambdaTimes100)
    {
        double lambda = 0.01 + ((lambdaTimes100.Get % 1000) / 100.0);
        Portfolio p = RandomBook(seed, 1 + (size % 12));
        DeltaNormalVaR m = Model(seed);
        return Close(lambda * Margin(m, p), Margin(m, new Portfolio(p.Select(x => x.Scale(lambda)))));
    }

    [Property(MaxTest = 50)]
    public bool Subadditivity_var_of_union_is_at_most_sum_of_parts(int seed, byte sizeA, byte sizeB, bool es)
    {
        Portfolio a = RandomBook(seed, 1 + (sizeA % 10)), b = RandomBook(seed + 1, 1 + (sizeB % 10));
        DeltaNormalVaR m = Model(seed, es ? VaRMeasure.ExpectedShortfall : VaRMeasure.ValueAtRisk);
        return Margin(m, a.Add([.. b])) <= Margin(m, a) + Margin(m, b) + 1e-9;
    }

    [Property(MaxTest = 50)]
    public bool Components_sum_to_var_per_factor_and_per_position(int seed, byte size, bool es)
    {
        var book = ResolvedPortfolio.Resolve(RandomBook(seed, 1 + (size % 16)), M.Market);
        DeltaNormalVaR m = Model(seed, es ? VaRMeasure.ExpectedShortfall : VaRMeasure.ValueAtRisk);
        VaRDecomposition d = m.Decompose(book);
        var r = m.Calculate(book);
        return Close(d.Total, d.Factors.Sum(f => f.Component)) && Close(d.Total, d.Positions.Sum(p => p.Component))
            && Close(r.InitialMargin, r.Contributions.Sum(c => c.Initial)) && Close(r.InitialMargin, d.Total)
            && d.DiversificationBenefit >= 0 && d.Total <= d.Undiversified + 1e-9;
    }

    [Property(MaxTest = 50)]
    public bool Permutation_invariance_reordering_positions_changes_nothing(int seed, byte size)
    {
        Portfolio p = RandomBook(seed, 2 + (size % 12));
        var shuffled = new Portfolio(p.OrderBy(_ => Guid.NewGuid()));
        DeltaNormalVaR m = Model(seed);
        var a = m.Calculate(ResolvedPortfolio.Resolve(p, M.Market));
        var b = m.Calculate(ResolvedPortfolio.Resolve(shuffled, M.Market));
        double byPositionA = a.Contributions.Sum(c => c.Initial), byPositionB = b.Contributions.Sum(c => c.Initial);
        return Close(a.InitialMargin, b.InitialMargin) && Close(byPositionA, byPositionB)
            && a.Breakdown.Children.All(n => Close(n.Initial, b.Breakdown.Children.Single(o => o.Name == n.Name).Initial));
    }

    [Property(MaxTest = 50)]
    public bool Incremental_var_equals_full_recomputation_without_the_position(int seed, byte size, bool es)
    {
        Portfolio p = RandomBook(seed, 1 + (size % 12));
        DeltaNormalVaR m = Model(seed, es ? VaRMeasure.ExpectedShortfall : VaRMeasure.ValueAtRisk);
        VaRDecomposition d = m.Decompose(ResolvedPortfolio.Resolve(p, M.Market));
        for (int i = 0; i < p.Count; i++)
        {
            double without = Margin(m, p.RemoveAt(i));
            if (Math.Abs(d.Total - without - d.Positions[i].Incremental) > 1e-7 * (1 + d.Total))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 30)]
    public bool A_position_and_its_exact_opposite_margin_to_zero(int seed, byte size)
    {
        Portfolio p = RandomBook(seed, 1 + (size % 10));
        return Margin(Model(seed), p.Add([.. p.Select(x => x.Scale(-1))])) <= 1e-6;
    }
}
