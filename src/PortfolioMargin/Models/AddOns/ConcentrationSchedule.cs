using System.Globalization;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// The add-on rate of a concentration charge as a function of the position's size <c>x</c> relative to the market's
/// liquidity (its net notional over the average daily volume or open interest): zero up to <see cref="Lower"/>, then
/// rising linearly or with the square root of the excess, capped at <see cref="MaxRate"/>. The add-on is
/// <c>rate(x) · N</c> with <c>N</c> the net notional. Immutable.
/// </summary>
/// <remarks>
/// The square-root shape is the empirical law of market impact (impact of liquidating <c>Q</c> grows like
/// <c>σ·√(Q/V)</c>); the linear ramp is how dYdX v4 raises the initial-margin fraction with open interest between
/// a lower and an upper cap (<c>protocol/x/perpetuals/types/liquidity_tier.go</c>; the tests reproduce its vectors).
/// CME SPAN 2, ICE IRM 2 and Eurex Prisma each charge a liquidity or concentration add-on for positions large relative
/// to market volume or open interest; their calibrations are proprietary, so these schedules are parameterised, not
/// copies of theirs.
/// </remarks>
public sealed record ConcentrationSchedule
{
    private ConcentrationSchedule(ConcentrationShape shape, double lower, double upper, double coefficient, double maxRate)
    {
        Shape = shape;
        Lower = lower;
        Upper = upper;
        Coefficient = coefficient;
        MaxRate = maxRate;
    }

    /// <summary>A linear ramp: 0 at <paramref name="lower"/>, <paramref name="maxRate"/> from <paramref name="upper"/> on.</summary>
    /// <param name="lower">Size (multiple of the reference) where the charge starts, finite, ≥ 0.</param>
    /// <param name="upper">Size where it reaches the cap, finite, &gt; <paramref name="lower"/>.</param>
    /// <param name="maxRate">Rate at and above <paramref name="upper"/>, finite, in (0, 10].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static ConcentrationSchedule Linear(double lower, double upper, double maxRate)
    {
        Guard.NonNegative(lower, "Concentration threshold");
        Guard.Finite(upper, "Concentration upper cap");
        if (!(upper > lower))
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, $"The upper cap must be above the threshold {Guard.Format(lower)}.");
        }

        return new ConcentrationSchedule(ConcentrationShape.Linear, lower, upper, 0, CheckRate(maxRate));
    }

    /// <summary>Square-root impact: <c>min(coefficient · √max(x − threshold, 0), maxRate)</c>.</summary>
    /// <param name="threshold">Size where the charge starts, finite, ≥ 0.</param>
    /// <param name="coefficient">Rate at one reference beyond the threshold, finite, &gt; 0 (e.g. a multiple of the daily vol).</param>
    /// <param name="maxRate">Cap on the rate, finite, in (0, 10].</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public static ConcentrationSchedule SquareRoot(double threshold, double coefficient, double maxRate = 1.0) =>
        new(ConcentrationShape.SquareRoot, Guard.NonNegative(threshold, "Concentration threshold"), double.PositiveInfinity,
            Guard.Positive(coefficient, "Concentration coefficient"), CheckRate(maxRate));

    /// <summary>Linear or square root.</summary>
    public ConcentrationShape Shape { get; }

    /// <summary>Size at which the charge starts (multiple of the reference).</summary>
    public double Lower { get; }

    /// <summary>Size at which a linear ramp reaches the cap (+∞ for the square root).</summary>
    public double Upper { get; }

    /// <summary>Square-root coefficient (0 for the linear ramp).</summary>
    public double Coefficient { get; }

    /// <summary>Largest rate.</summary>
    public double MaxRate { get; }

    /// <summary>The add-on rate at size <paramref name="size"/>.</summary>
    /// <param name="size">Net notional over the reference, finite, ≥ 0.</param>
    /// <returns>The rate, in [0, MaxRate].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative or not finite.</exception>
    public double Rate(double size)
    {
        Guard.NonNegative(size, "Concentration size");
        double excess = Math.Max(size - Lower, 0);
        return Shape == ConcentrationShape.Linear
            ? MaxRate * Math.Min(excess / (Upper - Lower), 1.0)
            : Math.Min(Coefficient * Math.Sqrt(excess), MaxRate);
    }

    /// <summary>E.g. <c>linear 0.1..1 to 20 %</c> or <c>sqrt beyond 0.1, 5 % x sqrt, cap 50 %</c>.</summary>
    public override string ToString() => Shape == ConcentrationShape.Linear
        ? string.Create(CultureInfo.InvariantCulture, $"linear {Lower:G4}..{Upper:G4} to {MaxRate:0.##%}")
        : string.Create(CultureInfo.InvariantCulture, $"sqrt beyond {Lower:G4}, {Coefficient:0.##%} x sqrt, cap {MaxRate:0.##%}");

    private static double CheckRate(double rate)
    {
        if (!(rate > 0 && rate <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The concentration rate cap must be in (0, 10].");
        }

        return rate;
    }
}
