using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.MarketData;

/// <summary>
/// Implied (Black-76) volatility of one underlying as a function of expiry and strike; annualised, as a decimal
/// (0.60 = 60 %). Immutable. Three shapes:
/// <list type="bullet">
/// <item><see cref="Flat(double)"/>: one vol for every option.</item>
/// <item><see cref="TermStructure(IEnumerable{KeyValuePair{DateTimeOffset, double}})"/>: one vol per expiry. Between listed expiries total variance <c>σ²T</c> is
/// interpolated linearly in <c>T</c>; before the first and after the last the nearest vol is used (flat).</item>
/// <item><see cref="Smile(IEnumerable{ValueTuple{DateTimeOffset, IReadOnlyList{double}, IReadOnlyList{double}}})"/>: per expiry a strike smile. Within an expiry the vol is linear in <c>ln K</c> between
/// listed strikes and flat beyond the first and last strike; across expiries, as for the term structure, at the same
/// strike (sticky strike).</item>
/// </list>
/// </summary>
public abstract class VolSurface
{
    private protected VolSurface()
    {
    }

    /// <summary>A single vol for every expiry and strike.</summary>
    /// <param name="volatility">The annual vol, a fraction (0.55 = 55 %): finite, &gt; 0 and at most <see cref="VolatilityLimit.DefaultMax"/> (10).</param>
    /// <exception cref="ArgumentOutOfRangeException">The vol is not finite and in (0, 10] (e.g. 55 typed for 55 %).</exception>
    public static VolSurface Flat(double volatility) => Flat(volatility, VolatilityLimit.DefaultMax);

    /// <summary>A single vol for every expiry and strike, with an explicit bound.</summary>
    /// <param name="volatility">The annual vol, a fraction: finite, &gt; 0 and at most <paramref name="maxVolatility"/>.</param>
    /// <param name="maxVolatility">The largest vol accepted (finite, &gt; 0); raise it above <see cref="VolatilityLimit.DefaultMax"/> only for a vol above 1,000 % that is meant.</param>
    /// <exception cref="ArgumentOutOfRangeException">The vol is outside (0, <paramref name="maxVolatility"/>], or the bound is not finite and &gt; 0.</exception>
    public static VolSurface Flat(double volatility, double maxVolatility) =>
        new FlatVolSurface(VolatilityLimit.Check(volatility, VolatilityLimit.CheckMax(maxVolatility), "Flat volatility", nameof(volatility)));

    /// <summary>One vol per expiry (at-the-money term structure).</summary>
    /// <param name="volsByExpiry">Annual vol per expiry, fractions in (0, <see cref="VolatilityLimit.DefaultMax"/>].</param>
    /// <exception cref="ArgumentException">No pillars, or a vol not finite and in (0, 10].</exception>
    public static VolSurface TermStructure(IEnumerable<KeyValuePair<DateTimeOffset, double>> volsByExpiry) => TermStructure(volsByExpiry, VolatilityLimit.DefaultMax);

    /// <summary>One vol per expiry (at-the-money term structure), with an explicit bound.</summary>
    /// <param name="volsByExpiry">Annual vol per expiry, fractions in (0, <paramref name="maxVolatility"/>].</param>
    /// <param name="maxVolatility">The largest vol accepted (finite, &gt; 0).</param>
    /// <exception cref="ArgumentException">No pillars, a vol outside (0, <paramref name="maxVolatility"/>], or a bound not finite and &gt; 0.</exception>
    public static VolSurface TermStructure(IEnumerable<KeyValuePair<DateTimeOffset, double>> volsByExpiry, double maxVolatility)
    {
        ArgumentNullException.ThrowIfNull(volsByExpiry);
        VolatilityLimit.CheckMax(maxVolatility);
        var pillars = volsByExpiry.Select(kv => new Pillar(kv.Key, [1.0],
                [VolatilityLimit.Check(kv.Value, maxVolatility, string.Create(CultureInfo.InvariantCulture, $"Volatility for expiry {kv.Key:yyyy-MM-dd}"), nameof(volsByExpiry))], true, []))
            .OrderBy(p => p.Expiry).ToImmutableArray();
        return new PillarVolSurface(CheckPillars(pillars));
    }

    /// <summary>A strike smile per expiry.</summary>
    /// <param name="smiles">Per expiry: strikes (strictly increasing, &gt; 0) and annual vols (fractions in (0, <see cref="VolatilityLimit.DefaultMax"/>]) of equal length ≥ 1.</param>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, unsorted strikes or invalid vols.</exception>
    public static VolSurface Smile(IEnumerable<(DateTimeOffset Expiry, IReadOnlyList<double> Strikes, IReadOnlyList<double> Vols)> smiles) => Smile(smiles, VolatilityLimit.DefaultMax);

    /// <summary>A strike smile per expiry, with an explicit bound on the vols.</summary>
    /// <param name="smiles">Per expiry: strikes (strictly increasing, &gt; 0) and annual vols (fractions in (0, <paramref name="maxVolatility"/>]) of equal length ≥ 1.</param>
    /// <param name="maxVolatility">The largest vol accepted (finite, &gt; 0).</param>
    /// <exception cref="ArgumentException">Empty input, mismatched lengths, unsorted strikes, invalid vols, or a bound not finite and &gt; 0.</exception>
    public static VolSurface Smile(IEnumerable<(DateTimeOffset Expiry, IReadOnlyList<double> Strikes, IReadOnlyList<double> Vols)> smiles, double maxVolatility)
    {
        ArgumentNullException.ThrowIfNull(smiles);
        VolatilityLimit.CheckMax(maxVolatility);
        var pillars = ImmutableArray.CreateBuilder<Pillar>();
        foreach (var (expiry, strikes, vols) in smiles)
        {
            ArgumentNullException.ThrowIfNull(strikes);
            ArgumentNullException.ThrowIfNull(vols);
            string at = expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (strikes.Count == 0 || strikes.Count != vols.Count)
            {
                Guard.ThrowArgument($"Smile for expiry {at}: need as many vols as strikes (at least one), got {strikes.Count} strikes and {vols.Count} vols.", nameof(smiles));
            }

            var logK = new double[strikes.Count];
            var v = new double[vols.Count];
            for (int i = 0; i < strikes.Count; i++)
            {
                Guard.Positive(strikes[i], $"Smile for expiry {at}: strike #{i}");
                v[i] = VolatilityLimit.Check(vols[i], maxVolatility, $"Smile for expiry {at}: vol at strike {Guard.Format(strikes[i])}", nameof(smiles));
                logK[i] = Math.Log(strikes[i]);
                if (i > 0 && !(strikes[i] > strikes[i - 1]))
                {
                    Guard.ThrowArgument($"Smile for expiry {at}: strikes must be strictly increasing, strike #{i} = {Guard.Format(strikes[i])} follows {Guard.Format(strikes[i - 1])}.", nameof(smiles));
                }
            }

            pillars.Add(new Pillar(expiry, ImmutableArray.Create(logK), ImmutableArray.Create(v), false, [.. strikes]));
        }

        return new PillarVolSurface(CheckPillars(pillars.OrderBy(p => p.Expiry).ToImmutableArray()));
    }

    private static ImmutableArray<Pillar> CheckPillars(ImmutableArray<Pillar> pillars)
    {
        if (pillars.IsEmpty)
        {
            Guard.ThrowArgument("A volatility surface needs at least one expiry.", nameof(pillars));
        }

        for (int i = 1; i < pillars.Length; i++)
        {
            if (pillars[i].Expiry == pillars[i - 1].Expiry)
            {
                Guard.ThrowArgument($"Volatility surface lists expiry {pillars[i].Expiry:yyyy-MM-dd HH:mm} twice.", nameof(pillars));
            }
        }

        return pillars;
    }

    /// <summary>The implied vol for an option.</summary>
    /// <param name="expiry">Option expiry.</param>
    /// <param name="strike">Strike (&gt; 0).</param>
    /// <param name="valuationTime">Valuation time (for the year fractions of the interpolation).</param>
    /// <param name="dayCount">Year-fraction convention.</param>
    /// <returns>Annualised vol, always finite and &gt; 0.</returns>
    public abstract double Volatility(DateTimeOffset expiry, double strike, DateTimeOffset valuationTime, DayCount dayCount = DayCount.Act365Fixed);

    /// <summary>How the surface was built; with <see cref="FlatVolatility"/> and <see cref="Pillars"/> it describes the surface exactly (for writing it to a file).</summary>
    internal abstract VolSurfaceShape Shape { get; }

    /// <summary>The vol of a <see cref="VolSurfaceShape.Flat"/> surface; NaN for the other shapes.</summary>
    internal virtual double FlatVolatility => double.NaN;

    /// <summary>The pillars by ascending expiry as given: per expiry the strikes (empty for a term structure) and the vols (one for a term structure).</summary>
    internal virtual ImmutableArray<(DateTimeOffset Expiry, ImmutableArray<double> Strikes, ImmutableArray<double> Vols)> Pillars => [];

    private sealed class FlatVolSurface(double vol) : VolSurface
    {
        public override double Volatility(DateTimeOffset expiry, double strike, DateTimeOffset valuationTime, DayCount dayCount) => vol;

        internal override VolSurfaceShape Shape => VolSurfaceShape.Flat;

        internal override double FlatVolatility => vol;
    }

    /// <summary>One expiry; <paramref name="Strikes"/> keeps the strikes as given (empty for an at-the-money pillar) so the surface can be written back exactly.</summary>
    private sealed record Pillar(DateTimeOffset Expiry, ImmutableArray<double> LogStrikes, ImmutableArray<double> Vols, bool IsAtm, ImmutableArray<double> Strikes)
    {
        public double At(double logStrike)
        {
            if (IsAtm || logStrike <= LogStrikes[0])
            {
                return Vols[0];
            }

            int last = LogStrikes.Length - 1;
            if (logStrike >= LogStrikes[last])
            {
                return Vols[last];
            }

            int hi = 1;
            while (LogStrikes[hi] < logStrike)
            {
                hi++;
            }

            double w = (logStrike - LogStrikes[hi - 1]) / (LogStrikes[hi] - LogStrikes[hi - 1]);
            return Vols[hi - 1] + (w * (Vols[hi] - Vols[hi - 1]));
        }
    }

    private sealed class PillarVolSurface(ImmutableArray<Pillar> pillars) : VolSurface
    {
        internal override VolSurfaceShape Shape => pillars[0].IsAtm ? VolSurfaceShape.TermStructure : VolSurfaceShape.Smile;

        internal override ImmutableArray<(DateTimeOffset Expiry, ImmutableArray<double> Strikes, ImmutableArray<double> Vols)> Pillars =>
            [.. pillars.Select(p => (p.Expiry, p.Strikes, p.Vols))];

        public override double Volatility(DateTimeOffset expiry, double strike, DateTimeOffset valuationTime, DayCount dayCount)
        {
            double logK = Math.Log(Guard.Positive(strike, "Strike"));
            if (expiry <= pillars[0].Expiry)
            {
                return pillars[0].At(logK);
            }

            int last = pillars.Length - 1;
            if (expiry >= pillars[last].Expiry)
            {
                return pillars[last].At(logK);
            }

            int hi = 1;
            while (pillars[hi].Expiry < expiry)
            {
                hi++;
            }

            Pillar a = pillars[hi - 1], b = pillars[hi];
            if (b.Expiry == expiry)
            {
                return b.At(logK);
            }

            double ta = dayCount.YearFraction(valuationTime, a.Expiry);
            double tb = dayCount.YearFraction(valuationTime, b.Expiry);
            double t = dayCount.YearFraction(valuationTime, expiry);
            double va = a.At(logK), vb = b.At(logK);
            if (ta <= 0 || t <= 0)
            {
                // The earlier pillar has expired: total variance is not defined there, use the later pillar's vol.
                return vb;
            }

            double w = (t - ta) / (tb - ta);
            double variance = ((1 - w) * va * va * ta) + (w * vb * vb * tb);
            return Math.Sqrt(variance / t);
        }
    }
}

/// <summary>How a <see cref="VolSurface"/> was built.</summary>
internal enum VolSurfaceShape : byte
{
    /// <summary><see cref="VolSurface.Flat(double)"/>.</summary>
    Flat = 0,

    /// <summary><see cref="VolSurface.TermStructure(IEnumerable{KeyValuePair{DateTimeOffset, double}})"/>.</summary>
    TermStructure = 1,

    /// <summary><see cref="VolSurface.Smile(IEnumerable{ValueTuple{DateTimeOffset, IReadOnlyList{double}, IReadOnlyList{double}}})"/>.</summary>
    Smile = 2,

    /// <summary>Derived from another surface (e.g. a stress-shocked view); has no file representation.</summary>
    Derived = 3,
}
