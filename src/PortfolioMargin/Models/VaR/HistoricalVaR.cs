using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Historical-simulation VaR / ES by full revaluation (spec §6.3): each of the T days of a T × K matrix of relative
/// factor returns <c>r</c> moves every price of factor k to <c>F·(1 + r_k·√h)</c> (<c>1 + ·</c> floored at 1e-6) and the
/// whole book is repriced as in <see cref="MonteCarloVaR"/> (options by Black-76 at unchanged vols; settlement P&amp;L
/// at today's rate). VaR and ES are the empirical measures of the T scenario losses: type-7 interpolated quantile
/// (<c>h = (T − 1)·α</c>, Excel <c>PERCENTILE.INC</c>) and Acerbi–Tasche ES (mean of the worst <c>(1 − α)·T</c> losses,
/// the last with fractional weight). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Volatility filtering (Hull–White 1998), when <c>ewmaLambda</c> is given: each return is rescaled to today's
/// volatility, <c>r̃_t = r_t·σ_{T}/σ_t</c>, with the EWMA variance per factor <c>σ²_{t+1} = λσ²_t + (1 − λ)r_t²</c>
/// (mean not subtracted), started at <c>σ²_0</c> = the mean of the squared returns of the window; <c>σ_t</c> uses the
/// returns before day t only and <c>σ_T</c> all of them.</para>
/// <para>Horizon: <c>√h</c> scaling of one-day returns (for h ≠ 1 prefer a matrix of overlapping h-day returns with h = 1).</para>
/// <para>Contributions: the same scenario weights applied to each position's scenario loss; they sum to the measure exactly.</para>
/// </remarks>
public sealed class HistoricalVaR : IMarginModel
{
    private readonly double[] returns;
    private readonly FrozenDictionary<string, int> index;

    /// <summary>Creates the model from a returns matrix (copied).</summary>
    /// <param name="labels">Factor labels (underlying symbols), unique, one per column.</param>
    /// <param name="relativeReturns">T × K one-day relative returns, oldest first; T ≥ 1, finite, each &gt; −1.</param>
    /// <param name="options">VaR options; default when null.</param>
    /// <param name="ewmaLambda">EWMA decay for volatility filtering in (0, 1) (e.g. 0.94), or null for unfiltered returns.</param>
    /// <exception cref="ArgumentException">Duplicate or empty label, wrong shape, or a return not finite and &gt; −1 (day and label named).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option or λ is out of range.</exception>
    public HistoricalVaR(IEnumerable<string> labels, double[,] relativeReturns, VaROptions? options = null, double? ewmaLambda = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(relativeReturns);
        options ??= VaROptions.Default;
        options.Validate();
        ImmutableArray<string> l = [.. labels];
        var dict = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string s in l)
        {
            if (string.IsNullOrWhiteSpace(s) || !dict.TryAdd(s, dict.Count))
            {
                Guard.ThrowArgument($"Historical VaR: factor label '{s}' is empty or duplicated.", nameof(labels));
            }
        }

        int t = relativeReturns.GetLength(0), k = relativeReturns.GetLength(1);
        if (k != l.Length || t < 1)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Historical VaR: the returns matrix is {t} x {k}; expected at least 1 day and {l.Length} columns (one per label)."), nameof(relativeReturns));
        }

        if (ewmaLambda is { } lam && !(lam > 0 && lam < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ewmaLambda), lam, "EWMA lambda must be in (0, 1), e.g. 0.94.");
        }

        var r = new double[t * k];
        for (int d = 0; d < t; d++)
        {
            for (int j = 0; j < k; j++)
            {
                double x = relativeReturns[d, j];
                if (!double.IsFinite(x) || !(x > -1))
                {
                    Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                        $"Historical VaR: return of '{l[j]}' on day {d} is {x:R}; expected a finite relative return > -1."), nameof(relativeReturns));
                }

                r[(d * k) + j] = x;
            }
        }

        if (ewmaLambda is { } lambda)
        {
            Filter(r, t, k, lambda);
        }

        returns = r;
        index = dict.ToFrozenDictionary(StringComparer.Ordinal);
        Labels = l;
        Days = t;
        Options = options;
        EwmaLambda = ewmaLambda;
        Name = string.Create(CultureInfo.InvariantCulture, $"HistoricalVaR({options.Describe()}, {t} days{(ewmaLambda is { } x2 ? $", EWMA-filtered lambda {x2:G4}" : "")})");
    }

    /// <summary>Hull–White filtering in place (see the class remarks).</summary>
    private static void Filter(double[] r, int t, int k, double lambda)
    {
        for (int j = 0; j < k; j++)
        {
            double v0 = 0;
            for (int d = 0; d < t; d++)
            {
                v0 += r[(d * k) + j] * r[(d * k) + j];
            }

            v0 /= t;
            if (v0 == 0)
            {
                continue;
            }

            var before = new double[t];
            double v = v0;
            for (int d = 0; d < t; d++)
            {
                before[d] = v;
                v = (lambda * v) + ((1 - lambda) * r[(d * k) + j] * r[(d * k) + j]);
            }

            for (int d = 0; d < t; d++)
            {
                r[(d * k) + j] *= Math.Sqrt(v / before[d]);
            }
        }
    }

    /// <summary>Factor labels, one per column.</summary>
    public ImmutableArray<string> Labels { get; }

    /// <summary>Number of scenario days T.</summary>
    public int Days { get; }

    /// <summary>The VaR options.</summary>
    public VaROptions Options { get; }

    /// <summary>EWMA decay used for filtering, or null.</summary>
    public double? EwmaLambda { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The (filtered) return of factor <paramref name="label"/> on day <paramref name="day"/>, as used by the scenarios (before √h).</summary>
    /// <param name="day">Day index, 0 = oldest.</param>
    /// <param name="label">Factor label.</param>
    /// <returns>The return.</returns>
    public double ScenarioReturn(int day, string label) => returns[(day * Labels.Length) + index[label]];

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The book needs a factor the returns matrix lacks (named).</exception>
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        var map = new int[portfolio.Underlyings.Length];
        for (int j = 0; j < map.Length; j++)
        {
            string symbol = portfolio.Underlyings[j].Symbol;
            if (!index.TryGetValue(symbol, out map[j]))
            {
                int first = portfolio.UnderlyingIndex.IndexOf(j);
                Guard.ThrowArgument($"Historical VaR: the book needs risk factor '{symbol}' (position '{portfolio.Portfolio[first].Instrument.Name}'), but the returns matrix has no such column.", nameof(portfolio));
            }
        }

        (int[] slot, int[] positionFactor, int[] used) = EmpiricalTail.Slots(portfolio, map);
        if (portfolio.Count == 0)
        {
            return VaRResult.Build(Name, portfolio, Labels, [], Options, 0.0, [], [], "empty portfolio");
        }

        var book = new RevaluationBook(portfolio, slot, used.Length);
        int k = Labels.Length;
        double sqrtH = Math.Sqrt(Options.HorizonDays);
        void Multipliers(int day, Span<double> m)
        {
            for (int s = 0; s < used.Length; s++)
            {
                m[s] = Math.Max(1 + (returns[(day * k) + used[s]] * sqrtH), 1e-6);
            }
        }

        var losses = new double[Days];
        double[] sorted = ArrayPool<double>.Shared.Rent(Days);
        int[] order = ArrayPool<int>.Shared.Rent(Days);
        double[] contribution;
        try
        {
            using var ws = new RevaluationBook.Workspace(book.Options);
            var m = new double[used.Length];
            for (int d = 0; d < Days; d++)
            {
                Multipliers(d, m);
                losses[d] = book.Loss(m, ws);
            }

            book.CheckLosses(losses, Multipliers, day => $"historical day {day}");
            var weights = EmpiricalTail.Weights(losses, Options.Confidence, Options.Measure, order, sorted);
            contribution = EmpiricalTail.Contributions(book, portfolio.Count, weights, Multipliers);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sorted);
            ArrayPool<int>.Shared.Return(order);
        }

        double measure = 0;
        foreach (double c in contribution)
        {
            measure += c;
        }

        string note = string.Create(CultureInfo.InvariantCulture, $"{Days} historical days, full revaluation{(EwmaLambda is null ? "" : ", EWMA volatility-filtered")}; empirical {Options.Describe()}");
        return VaRResult.Build(Name, portfolio, Labels, [], Options, measure, contribution, positionFactor, note);
    }
}
