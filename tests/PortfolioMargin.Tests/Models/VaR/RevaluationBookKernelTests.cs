using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Tests.Models.VaR;
using Xunit;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>The vectorized full-revaluation loss of the VaR path loop against its scalar twin for books of 0…256 options.</summary>
[Trait("Category", "Kernel")]
public sealed class RevaluationBookKernelTests
{
    [Fact]
    public void Vectorized_book_loss_matches_scalar_twin_on_every_option_count_0_to_256()
    {
        (var market, var u) = VaRTestBooks.Market(3);
        Portfolio all = VaRTestBooks.OptionBook(u, 256, 17);
        var rnd = new Random(5);
        for (int n = 0; n <= 256; n++)
        {
            var p = new Portfolio(all.Positions.Take(n)).Add([.. VaRTestBooks.LinearBook(u, [1, -2, 3, 1])]);
            var r = ResolvedPortfolio.Resolve(p, market);
            (int[] slot, _, int[] used) = EmpiricalTail.Slots(r, [0, 1, 2]);
            var book = new RevaluationBook(r, slot, used.Length);
            using var ws = new RevaluationBook.Workspace(book.Options);
            double[] m = [.. Enumerable.Range(0, used.Length).Select(_ => Math.Exp((rnd.NextDouble() - 0.5) * 0.4))];
            double v = book.Loss(m, ws), s = book.LossScalar(m, ws);
            var each = new double[p.Count];
            book.PositionLosses(m, each);
            double scale = 1 + p.Sum(x => Math.Abs(x.Quantity) * 200);
            Assert.True(Math.Abs(v - s) <= 1e-12 * scale, $"n={n}: vectorized {v:R}, scalar {s:R}");
            Assert.True(Math.Abs(each.Sum() - s) <= 1e-12 * scale, $"n={n}: per-position sum {each.Sum():R}, scalar {s:R}");
            Assert.True(double.IsFinite(v));
        }
    }
}
