using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>Builds the one <see cref="MarginResult"/> shape from a VaR model's total and per-position contributions.</summary>
internal static class VaRResult
{
    /// <summary>
    /// <c>MM = IM = multiplier · max(measure, 0)</c>; contributions <c>multiplier · contribution_i</c> (all 0 when the measure is
    /// floored); breakdown: one child per factor (sum of its positions).
    /// </summary>
    public static MarginResult Build(string model, ResolvedPortfolio portfolio, VaRFactors factors, VaROptions options, double measure,
        ReadOnlySpan<double> contribution, ReadOnlySpan<int> positionFactor, string note) =>
        Build(model, portfolio, factors.Labels, factors.Diagnostics, options, measure, contribution, positionFactor, note);

    /// <summary>As above, with explicit factor labels and diagnostics.</summary>
    public static MarginResult Build(string model, ResolvedPortfolio portfolio, ImmutableArray<string> labels, ImmutableArray<MarginDiagnostic> extra, VaROptions options,
        double measure, ReadOnlySpan<double> contribution, ReadOnlySpan<int> positionFactor, string note)
    {
        int n = portfolio.Count;
        if (!double.IsFinite(measure))
        {
            // Never floor a NaN or an infinity to 0 (a "gain"): the models refuse the inputs that lead here with a named error first.
            throw new ArithmeticException(string.Create(CultureInfo.InvariantCulture,
                $"{model}: the {options.Describe()} is {measure:G6}, not a finite number; refusing to turn it into a margin."));
        }

        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        if (!extra.IsDefaultOrEmpty)
        {
            diagnostics.AddRange(extra);
        }

        if (n == 0)
        {
            diagnostics.Add(MarginDiagnostic.EmptyPortfolio(model));
        }

        bool floored = !(measure > 0);
        if (floored && n > 0)
        {
            diagnostics.Add(new MarginDiagnostic("VAR_FLOOR", string.Create(CultureInfo.InvariantCulture,
                $"The {options.Describe()} is {measure:G6} (a gain at the confidence level); the margin is floored at 0 and all contributions are 0.")));
        }

        double m = options.Multiplier;
        double total = floored ? 0.0 : measure * m;
        var contributions = ImmutableArray.CreateBuilder<PositionContribution>(n);
        var byFactor = new double[labels.Length];
        var seen = new bool[labels.Length];
        var order = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int k = positionFactor[i];
            double c = floored ? 0.0 : (contribution[i] * m) + 0.0;
            if (!seen[k])
            {
                seen[k] = true;
                order.Add(k);
            }

            byFactor[k] += c;
            contributions.Add(new PositionContribution(i, portfolio.Portfolio[i].Instrument.Name, labels[k], c, c));
        }

        var children = ImmutableArray.CreateBuilder<MarginNode>(order.Count);
        foreach (int k in order)
        {
            children.Add(MarginNode.Leaf(labels[k], byFactor[k], byFactor[k]));
        }

        var root = new MarginNode(model, total, total, children.MoveToImmutable(), note);
        return new MarginResult(model, portfolio.Market.ReportCurrency, total, total, root, contributions.MoveToImmutable(), [], diagnostics.ToImmutable());
    }
}
