using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// What-if / pre-trade calculator of the SPAN-file model. The SPAN requirement depends on a book only through the net
/// quantity of each contract, so the calculator keeps the book as one net quantity per contract and answers an order by
/// computing the file's method on those nets plus the order's: O(contracts held × 16 + rules), independent of how many
/// positions built the book. Immutable and thread-safe.
/// </summary>
/// <remarks>Equal to <see cref="SpanFileModel.Calculate"/> of <c>Portfolio.Add(order)</c> up to floating-point rounding (the
/// nets are summed before the risk arrays are weighted). Order positions are resolved against <see cref="Market"/> like a
/// full recomputation resolves them, so missing market data is refused the same way.</remarks>
public sealed class SpanWhatIf : IWhatIfCalculator
{
    private readonly SpanFileModel _model;
    private readonly SpanEntry[] _nets;
    private readonly SpanComputed _base;
    private readonly double[] _toReport;
    private readonly ResolvedPortfolio _book;

    /// <summary>Builds the calculator for a resolved book.</summary>
    /// <param name="model">The SPAN-file model.</param>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <exception cref="SpanUnmatchedPositionsException">A position of the book maps to no contract.</exception>
    public SpanWhatIf(SpanFileModel model, ResolvedPortfolio book)
        : this(Guard.NotNull(model), Guard.NotNull(book), Net(model.Entries(book), []))
    {
    }

    private SpanWhatIf(SpanFileModel model, ResolvedPortfolio book, SpanEntry[] nets)
    {
        _model = model;
        _book = book;
        _nets = nets;
        _base = Compute(nets);
        _toReport = ToReport(_base);
        (MaintenanceMargin, InitialMargin) = Totals(_base, _toReport);
    }

    /// <inheritdoc />
    public Portfolio Portfolio => _book.Portfolio;

    /// <inheritdoc />
    public MarketSnapshot Market => _book.Market;

    /// <inheritdoc />
    public double InitialMargin { get; }

    /// <inheritdoc />
    public double MaintenanceMargin { get; }

    /// <summary>Number of contracts the book holds a non-zero net quantity of (the size the calculator works on).</summary>
    public int Contracts => _nets.Length;

    /// <inheritdoc />
    /// <exception cref="SpanUnmatchedPositionsException">An order position maps to no contract.</exception>
    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order)
    {
        SpanComputed after = Compute(Net(_nets, OrderEntries(order)));
        double[] x = ToReport(after);
        (double mm, double im) = Totals(after, x);
        var groups = ImmutableArray.CreateBuilder<WhatIfGroupResult>(after.CombinedCommodities.Length);
        var before = _base.CombinedCommodities.Select((c, k) => (c, _toReport[k])).ToDictionary(t => t.c.Code, StringComparer.Ordinal);
        for (int k = 0; k < after.CombinedCommodities.Length; k++)
        {
            SpanCombinedCommodityResult a = after.CombinedCommodities[k];
            (double mb, double ib) = before.TryGetValue(a.Code, out var b) ? (b.Item2 * b.c.MaintenanceMargin, b.Item2 * b.c.InitialMargin) : (0, 0);
            string? binding = a.BindingScenarios.IsEmpty ? null : "S" + a.BindingScenarios[0].ToString("00", CultureInfo.InvariantCulture);
            groups.Add(new WhatIfGroupResult(a.Code, mb, x[k] * a.MaintenanceMargin, ib, x[k] * a.InitialMargin, x[k] * a.ScanRisk, binding));
        }

        return new WhatIfResult(Market.ReportCurrency, InitialMargin, im, MaintenanceMargin, mm, groups.MoveToImmutable());
    }

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfCalculator.Apply(params ReadOnlySpan<Position> order) => Apply(order);

    /// <summary>A new calculator holding the book with <paramref name="order"/> added; this one is unchanged.</summary>
    /// <exception cref="SpanUnmatchedPositionsException">An order position maps to no contract.</exception>
    public SpanWhatIf Apply(params ReadOnlySpan<Position> order)
    {
        SpanEntry[] added = OrderEntries(order);
        Portfolio portfolio = Portfolio.Add(order.ToArray());
        return new SpanWhatIf(_model, ResolvedPortfolio.Resolve(portfolio, Market), Net(_nets, added));
    }

    private SpanEntry[] OrderEntries(ReadOnlySpan<Position> order)
    {
        var entries = new SpanEntry[order.Length];
        List<string>? errors = null;
        for (int j = 0; j < order.Length; j++)
        {
            Position p = order[j] ?? throw new ArgumentException($"Order position #{j} is null.", nameof(order));
            ResolvedLeg.Resolve(p, Market); // market data is refused as a full recomputation refuses it
            if (_model.Entry(p, j, out entries[j]) is { } why)
            {
                (errors ??= []).Add($"order #{j} '{p}': {why}");
            }
        }

        return errors is null ? entries : throw new SpanUnmatchedPositionsException(errors);
    }

    /// <summary>Net quantity per contract of <paramref name="a"/> and <paramref name="b"/>, in order of first appearance; zero nets dropped.</summary>
    private static SpanEntry[] Net(SpanEntry[] a, SpanEntry[] b)
    {
        var index = new Dictionary<int, int>();
        var nets = new List<(int Contract, double Quantity)>(a.Length + b.Length);
        foreach (SpanEntry e in a.Concat(b))
        {
            if (index.TryGetValue(e.Contract, out int k))
            {
                nets[k] = (e.Contract, nets[k].Quantity + e.Quantity);
            }
            else
            {
                index.Add(e.Contract, nets.Count);
                nets.Add((e.Contract, e.Quantity));
            }
        }

        return [.. nets.Where(n => n.Quantity != 0).Select((n, i) => new SpanEntry(n.Contract, n.Quantity, string.Empty, i))];
    }

    private SpanComputed Compute(SpanEntry[] nets) => SpanComputation.Compute(_model.File, _model.Parameters, _model.RateIds, nets, contributions: false);

    private double[] ToReport(SpanComputed computed) => _model.ToReport(computed, Market);

    private static (double Maintenance, double Initial) Totals(SpanComputed computed, double[] x)
    {
        double m = 0, i = 0;
        for (int k = 0; k < x.Length; k++)
        {
            m += x[k] * computed.CombinedCommodities[k].MaintenanceMargin;
            i += x[k] * computed.CombinedCommodities[k].InitialMargin;
        }

        return (m, i);
    }
}
