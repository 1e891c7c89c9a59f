using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// When the delta-gamma (quadratic) approximation of <see cref="DeltaGammaVaR"/> is trusted. Immutable.
/// </summary>
/// <remarks>
/// <para><b>Validity criterion.</b> For an option position on factor k, the ratio of the factor's horizon shock at the
/// confidence level to the option's remaining standard deviation,
/// <c>ρ = z_α·σ_k·√h / (σ_impl·√T)</c> (<c>σ_k</c> the factor's daily vol, <c>h</c> the horizon in days, <c>σ_impl</c>
/// the option's implied annual vol, <c>T</c> its years to expiry). The option's value is a smooth function of
/// <c>ln F</c> on the scale <c>σ_impl·√T</c>; a Taylor expansion to second order holds for moves small against that scale
/// and breaks down beyond it: in normalised units <c>u = x/(σ_impl√T)</c> an at-the-money option is
/// <c>u·Φ(u) + φ(u)</c>, whose quadratic <c>φ(0)(1 + u²/2) + u/2</c> is off by 8 % of a delta-neutral straddle's
/// change at <c>u = 1</c>, 31 % at <c>u = 2</c> and grows like <c>u</c>: as <c>T → 0</c> the gamma
/// <c>∝ 1/(σ_impl√T)</c> grows without bound while the true loss stays at most linear in the move. A position with
/// <c>ρ &gt; </c><see cref="MaxShockRatio"/> (default 1: the quantile shock exceeds one remaining standard deviation,
/// e.g. an option expiring within the horizon; with factor and implied vol both 55 % a year, a 1-day 99 % shock of
/// 6.7 % against an option with less than <c>z²·h</c> ≈ 5.4 days to expiry) is outside the approximation's validity.</para>
/// <para>Such positions are reported in a <c>DELTA_GAMMA_OUT_OF_RANGE</c> diagnostic (how many, the worst ratio and
/// position, their quadratic term at the quantile shock <c>½·|g|·(z·σ_k·√h)²</c>), which says to use
/// <see cref="MonteCarloVaR"/> (full revaluation); with <see cref="RefuseOutsideValidity"/> the model refuses the book
/// instead. Delta-one products are exactly linear (linear) or nearly quadratic over such shocks (inverse:
/// <c>x/(1+x)</c>) and are never flagged.</para>
/// </remarks>
public sealed record DeltaGammaOptions
{
    /// <summary>The defaults: ratio bound 1, report (do not refuse).</summary>
    public static DeltaGammaOptions Default { get; } = new();

    /// <summary>Largest accepted <c>ρ = z_α·σ_k·√h / (σ_impl·√T)</c> of an option position (finite, &gt; 0); default 1.</summary>
    public double MaxShockRatio { get; init; } = 1.0;

    /// <summary>Refuse (<see cref="ArgumentException"/>) a book with a position outside the validity instead of reporting it; default false.</summary>
    public bool RefuseOutsideValidity { get; init; }

    internal void Validate()
    {
        if (!(MaxShockRatio > 0) || !double.IsFinite(MaxShockRatio))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxShockRatio), MaxShockRatio, "The delta-gamma validity bound must be a finite number > 0 (default 1).");
        }
    }
}

/// <summary>Applies <see cref="DeltaGammaOptions"/> to a book (see its remarks for the criterion).</summary>
internal static class DeltaGammaValidity
{
    /// <summary>The code of the diagnostic.</summary>
    public const string Code = "DELTA_GAMMA_OUT_OF_RANGE";

    /// <summary><c>ρ</c> of position <paramref name="i"/> (0 for delta-one products, +∞ for an option at expiry).</summary>
    public static double Ratio(ResolvedPortfolio book, int i, double shock)
    {
        if (book.Kind[i] is not (InstrumentKind.LinearOption or InstrumentKind.InverseOption))
        {
            return 0.0;
        }

        double remaining = book.Vol[i] * Math.Sqrt(Math.Max(book.Time[i], 0.0));
        return remaining > 0 ? shock / remaining : double.PositiveInfinity;
    }

    /// <summary>The diagnostics (none, or one <c>DELTA_GAMMA_OUT_OF_RANGE</c>) for a book; throws when the options say to refuse.</summary>
    /// <exception cref="ArgumentException">A position is outside the validity and <see cref="DeltaGammaOptions.RefuseOutsideValidity"/> is set.</exception>
    public static ImmutableArray<MarginDiagnostic> Check(ResolvedPortfolio book, VaRExposures x, VaRFactors factors, VaROptions options, DeltaGammaOptions validity,
        double valueAtRisk)
    {
        double z = options.Z, sqrtH = Math.Sqrt(options.HorizonDays);
        int count = 0, worst = -1;
        double worstRatio = 0, quadratic = 0;
        for (int i = 0; i < book.Count; i++)
        {
            double shock = z * factors.DailyVolatilities[x.PositionFactor[i]] * sqrtH;
            double ratio = Ratio(book, i, shock);
            if (ratio > validity.MaxShockRatio)
            {
                count++;
                quadratic += 0.5 * Math.Abs(x.PositionGamma[i]) * shock * shock;
                if (ratio > worstRatio)
                {
                    (worst, worstRatio) = (i, ratio);
                }
            }
        }

        if (count == 0)
        {
            return [];
        }

        double shockWorst = z * factors.DailyVolatilities[x.PositionFactor[worst]] * sqrtH;
        double minutes = book.Time[worst] * book.Market.DayCount.DaysPerYear() * 24 * 60;
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Delta-gamma VaR is outside its validity for {count} option position(s): the factor's {options.Confidence * 100:0.###}% {options.HorizonDays:G6}-day shock exceeds {validity.MaxShockRatio:G4} x the option's remaining standard deviation sigma_impl*sqrt(T) " +
            $"(worst '{book.Portfolio[worst]}': {Time(minutes)} to expiry, shock {shockWorst:P3} against {book.Vol[worst] * Math.Sqrt(Math.Max(book.Time[worst], 0)):P3}, ratio {worstRatio:G4}). " +
            $"Their quadratic term at that shock, 1/2*|g|*shock^2 = {quadratic:N0} (VaR {valueAtRisk:N0}), grows without bound as expiry nears while the true loss stays at most linear: use MonteCarloVaR (full revaluation) for this book.");
        if (validity.RefuseOutsideValidity)
        {
            Guard.ThrowArgument(message + " (DeltaGammaOptions.RefuseOutsideValidity is set.)", "portfolio");
        }

        return [new MarginDiagnostic(Code, message)];
    }

    private static string Time(double minutes) =>
        minutes < 120 ? string.Create(CultureInfo.InvariantCulture, $"{minutes:0.#} minutes")
        : minutes < 2 * 24 * 60 ? string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:0.#} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{minutes / (24 * 60):0.#} days");
}
