using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.MarketData;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// The risk factors of the covariance-VaR models: one factor per underlying symbol (label), with a daily volatility of
/// relative returns and a validated correlation matrix, hence the daily covariance <c>Σ = D C D</c>, <c>D = diag(σ_daily)</c>.
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// A factor moves every price of its underlying (spot and every forward) by the same relative return. A repaired
/// correlation (only when asked for through <see cref="CorrelationRepair"/>) is kept in <see cref="Repair"/> and every
/// model result built on these factors carries a <c>CORRELATION_REPAIRED</c> diagnostic with its summary.
/// </remarks>
public sealed class VaRFactors
{
    private readonly double[] dailyVols;

    private VaRFactors(CorrelationMatrix correlation, double[] dailyVols, RepairResult? repair)
    {
        Correlation = correlation;
        this.dailyVols = dailyVols;
        Repair = repair;
        DailyCovariance = correlation.ToCovariance(dailyVols);
    }

    /// <summary>Builds factors from labels, volatilities and a raw correlation matrix.</summary>
    /// <param name="labels">Factor labels = underlying symbols, unique.</param>
    /// <param name="volatilities">One volatility per label, finite and &gt; 0, in <paramref name="unit"/>.</param>
    /// <param name="correlation">The correlation matrix in label order (copied, never mutated).</param>
    /// <param name="unit">Unit of <paramref name="volatilities"/>; default daily.</param>
    /// <param name="daysPerYear">Days per year for <see cref="VolatilityUnit.Annual"/> (e.g. 365 crypto, 252 futures); default 365.</param>
    /// <param name="repair">What to do with an invalid (e.g. non-PSD) correlation; default <see cref="CorrelationRepair.None"/>: refuse it.</param>
    /// <param name="maxVolatility">The largest volatility accepted, in <paramref name="unit"/>; default <see cref="VolatilityLimit.DefaultMax"/> = 10 (1,000 %), the bound every vol input applies.</param>
    /// <returns>The validated factors.</returns>
    /// <exception cref="MatrixValidationException">The correlation is invalid and no repair was requested (the message names the rule and entry),
    /// or a label, shape, entry or volatility is bad (named; a vol above <paramref name="maxVolatility"/> is refused as a percentage typed for a fraction).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysPerYear"/> is not in [1, 366], or <paramref name="maxVolatility"/> is not finite and &gt; 0.</exception>
    public static VaRFactors Create(IEnumerable<string> labels, IReadOnlyList<double> volatilities, double[,] correlation,
        VolatilityUnit unit = VolatilityUnit.Daily, double daysPerYear = 365, CorrelationRepair repair = CorrelationRepair.None, double maxVolatility = VolatilityLimit.DefaultMax)
    {
        VolatilityLimit.CheckMax(maxVolatility);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(correlation);
        string[] l = [.. labels];
        CorrelationMatrix c;
        RepairResult? repaired = null;
        switch (repair)
        {
            case CorrelationRepair.None:
                try
                {
                    c = new CorrelationMatrix(l, correlation);
                }
                catch (MatrixValidationException e) when (e.Rule is MatrixRule.PositiveSemiDefinite or MatrixRule.Range or MatrixRule.UnitDiagonal)
                {
                    throw new MatrixValidationException(
                        e.Message + " The VaR model refuses it; request an explicit repair with CorrelationRepair.NearestCorrelation or CorrelationRepair.EigenvalueClipping.",
                        e.Rule, e.Row, e.Column, e.RowLabel, e.ColumnLabel, e.Value);
                }

                break;
            case CorrelationRepair.NearestCorrelation:
                repaired = NearestCorrelation.Repair(l, correlation);
                c = repaired.Matrix;
                break;
            case CorrelationRepair.EigenvalueClipping:
                repaired = EigenvalueClipping.Repair(l, correlation);
                c = repaired.Matrix;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(repair), repair, "Unknown correlation repair.");
        }

        return new VaRFactors(c, ToDaily(c, volatilities, unit, daysPerYear, maxVolatility), repaired is { Method: not RepairMethod.None } ? repaired : null);
    }

    /// <summary>Builds factors from a validated correlation matrix and volatilities.</summary>
    /// <param name="correlation">The correlation matrix; its labels are the factor labels.</param>
    /// <param name="volatilities">One volatility per label, finite and &gt; 0, in <paramref name="unit"/>.</param>
    /// <param name="unit">Unit of <paramref name="volatilities"/>; default daily.</param>
    /// <param name="daysPerYear">Days per year for <see cref="VolatilityUnit.Annual"/>; default 365.</param>
    /// <param name="maxVolatility">The largest volatility accepted, in <paramref name="unit"/>; default <see cref="VolatilityLimit.DefaultMax"/> = 10 (1,000 %).</param>
    /// <returns>The factors.</returns>
    /// <exception cref="MatrixValidationException">Wrong number of volatilities or one not finite and in (0, <paramref name="maxVolatility"/>] (named by label).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysPerYear"/> is not in [1, 366], or <paramref name="maxVolatility"/> is not finite and &gt; 0.</exception>
    public static VaRFactors Create(CorrelationMatrix correlation, IReadOnlyList<double> volatilities, VolatilityUnit unit = VolatilityUnit.Daily, double daysPerYear = 365,
        double maxVolatility = VolatilityLimit.DefaultMax)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        VolatilityLimit.CheckMax(maxVolatility);
        return new VaRFactors(correlation, ToDaily(correlation, volatilities, unit, daysPerYear, maxVolatility), null);
    }

    /// <summary>Builds factors from a daily covariance matrix of relative returns (e.g. <see cref="CovarianceEstimator.Ewma"/>).</summary>
    /// <param name="dailyCovariance">The daily covariance; its labels are the factor labels.</param>
    /// <returns>The factors.</returns>
    public static VaRFactors FromCovariance(CovarianceMatrix dailyCovariance)
    {
        ArgumentNullException.ThrowIfNull(dailyCovariance);
        return new VaRFactors(dailyCovariance.Correlation, [.. dailyCovariance.Volatilities], null);
    }

    private static double[] ToDaily(CorrelationMatrix c, IReadOnlyList<double> volatilities, VolatilityUnit unit, double daysPerYear, double maxVolatility)
    {
        ArgumentNullException.ThrowIfNull(volatilities);
        if (!(daysPerYear >= 1 && daysPerYear <= 366))
        {
            throw new ArgumentOutOfRangeException(nameof(daysPerYear), daysPerYear, "Days per year must be in [1, 366] (e.g. 365 for crypto, 252 for futures).");
        }

        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown volatility unit.");
        }

        if (volatilities.Count != c.Count)
        {
            throw new MatrixValidationException(string.Create(CultureInfo.InvariantCulture,
                $"VaR factors: {volatilities.Count} volatilities for {c.Count} factor labels; expected one per label."), MatrixRule.Shape, -1, -1, null, null, volatilities.Count);
        }

        double scale = unit == VolatilityUnit.Annual ? 1 / Math.Sqrt(daysPerYear) : 1.0;
        var d = new double[c.Count];
        for (int i = 0; i < d.Length; i++)
        {
            double s = volatilities[i];
            if (!(s > 0 && s <= maxVolatility) || !double.IsFinite(s))
            {
                throw new MatrixValidationException(VolatilityLimit.Problem(s, maxVolatility, $"VaR factor '{c.Labels[i]}': the {(unit == VolatilityUnit.Annual ? "annual" : "daily")} volatility"),
                    MatrixRule.PositiveVariance, i, i, c.Labels[i], c.Labels[i], s);
            }

            d[i] = s * scale;
        }

        return d;
    }

    /// <summary>Factor labels (underlying symbols), in matrix order.</summary>
    public ImmutableArray<string> Labels => Correlation.Labels;

    /// <summary>Number of factors.</summary>
    public int Count => dailyVols.Length;

    /// <summary>Daily volatility of relative returns per factor.</summary>
    public ReadOnlySpan<double> DailyVolatilities => dailyVols;

    /// <summary>The (possibly repaired) correlation matrix.</summary>
    public CorrelationMatrix Correlation { get; }

    /// <summary>The daily covariance <c>Σ = D C D</c> of relative returns.</summary>
    public CovarianceMatrix DailyCovariance { get; }

    /// <summary>The repair applied to the input correlation, or null when none was needed or requested.</summary>
    public RepairResult? Repair { get; }

    /// <summary>Index of a factor label, or −1 when absent.</summary>
    /// <param name="label">The label.</param>
    /// <returns>The index or −1.</returns>
    public int IndexOf(string label) => Correlation.Contains(label) ? Correlation.IndexOf(label) : -1;

    /// <summary>
    /// These factors with their correlation stressed: every pair of labels the override holds takes the override's
    /// entry, the other pairs keep this correlation; vols unchanged. The merged matrix is validated like
    /// <see cref="Create(IEnumerable{string}, IReadOnlyList{double}, double[,], VolatilityUnit, double, CorrelationRepair, double)"/>:
    /// refused when invalid unless <paramref name="repair"/> asks for a (reported) repair.
    /// </summary>
    /// <param name="correlationOverride">The stressed correlation; every label must be a factor label.</param>
    /// <param name="repair">What to do with an invalid merged matrix.</param>
    /// <param name="context">Names the stress in error messages (e.g. the scenario id).</param>
    /// <returns>The stressed factors.</returns>
    /// <exception cref="ArgumentException">The override has a label that is not a factor label (named).</exception>
    /// <exception cref="MatrixValidationException">The merged matrix is invalid and no repair was requested (rule, entry and labels named).</exception>
    internal VaRFactors WithCorrelationOverride(CorrelationMatrix correlationOverride, CorrelationRepair repair, string context)
    {
        ArgumentNullException.ThrowIfNull(correlationOverride);
        int n = Count;
        var slot = new int[correlationOverride.Count];
        for (int i = 0; i < slot.Length; i++)
        {
            string label = correlationOverride.Labels[i];
            slot[i] = IndexOf(label);
            if (slot[i] < 0)
            {
                Guard.ThrowArgument($"Correlation override of {context}: label '{label}' is not a VaR risk factor (factors: {string.Join(", ", Labels.Take(20))}{(n > 20 ? ", ..." : "")}).",
                    nameof(correlationOverride));
            }
        }

        double[,] merged = Correlation.ToArray();
        for (int i = 0; i < slot.Length; i++)
        {
            for (int j = 0; j < slot.Length; j++)
            {
                merged[slot[i], slot[j]] = correlationOverride[i, j];
            }
        }

        try
        {
            // The vols were checked when these factors were built; the override changes only the correlation.
            return Create(Labels, dailyVols, merged, VolatilityUnit.Daily, 365, repair, double.MaxValue);
        }
        catch (MatrixValidationException e)
        {
            throw new MatrixValidationException($"Correlation override of {context} (merged into the factor correlation by label): " + e.Message
                + (repair == CorrelationRepair.None ? " Set VaROptions.StressCorrelationRepair to repair it." : ""),
                e.Rule, e.Row, e.Column, e.RowLabel, e.ColumnLabel, e.Value);
        }
    }

    /// <summary>The diagnostics every result built on these factors carries (the repair, if any).</summary>
    internal ImmutableArray<MarginDiagnostic> Diagnostics =>
        Repair is null ? [] : [new MarginDiagnostic("CORRELATION_REPAIRED", "VaR factor correlation repaired: " + Repair.Summary())];
}
