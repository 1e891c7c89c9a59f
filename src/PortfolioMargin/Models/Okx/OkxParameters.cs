using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.Okx;

/// <summary>A row of OKX's MR1 implied-vol shock table: from <see cref="FromDays"/> to expiry on, vols move by <c>±Points</c> (absolute, 0.30 = 30 vol points).</summary>
/// <param name="FromDays">Days to expiry where the row starts (the first row starts at 0).</param>
/// <param name="UpPoints">Vol-up shock in vol points as a decimal, ≥ 0.</param>
/// <param name="DownPoints">Vol-down shock in vol points as a decimal, ≥ 0.</param>
public readonly record struct OkxVolShockRow(double FromDays, double UpPoints, double DownPoints);

/// <summary>A tier of OKX's MR7 minimum-charge scaling: the part of the raw charge above <see cref="From"/> (USD) counts <see cref="Multiplier"/> times.</summary>
/// <param name="From">Lower bound of the tier in USD (the first tier starts at 0).</param>
/// <param name="Multiplier">Multiplier of the raw charge inside the tier, ≥ 1.</param>
public readonly record struct OkxMinimumChargeTier(double From, double Multiplier);

/// <summary>
/// OKX portfolio-margin parameters of one risk unit (underlying): MR1 spot-shock moves and vol table, MR2 look-ahead,
/// MR6 extreme move and factor, MR4 basis rates, MR7 minimum-charge rate and tiers. Immutable; the constructor validates.
/// </summary>
public sealed record OkxUnitParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="spotShocks">MR1 price moves (e.g. −12 % … +12 % in 4 % steps for BTC); each in (−1, 1), 0 included.</param>
    /// <param name="volShocks">MR1 vol shock table by days to expiry, ascending, starting at 0.</param>
    /// <param name="thetaDays">MR2 look-ahead in days (time value lost at unchanged spot and vol), ≥ 0.</param>
    /// <param name="extremeMove">MR6 extreme move each way (0.24 = ±24 %), in (0, 1).</param>
    /// <param name="extremeFactor">MR6 = factor × worst extreme loss (0.5), in (0, 1].</param>
    /// <param name="basisPerpRate">MR4 rate per unit of |delta notional| for perpetuals and spot (and the floor for dated expiries), ≥ 0.</param>
    /// <param name="annualisedMoveRisk">MR4 annualised move risk for dated expiries, ≥ 0.</param>
    /// <param name="minimumChargeRate">MR7 raw charge per unit of |delta notional| of each position, ≥ 0.</param>
    /// <param name="minimumChargeTiers">MR7 tiers, ascending, starting at 0.</param>
    /// <exception cref="ArgumentException">A value is out of range (named).</exception>
    public OkxUnitParameters(IEnumerable<double> spotShocks, IEnumerable<OkxVolShockRow> volShocks, double thetaDays, double extremeMove, double extremeFactor,
        double basisPerpRate, double annualisedMoveRisk, double minimumChargeRate, IEnumerable<OkxMinimumChargeTier> minimumChargeTiers)
    {
        const string Owner = "OKX risk-unit parameters";
        ArgumentNullException.ThrowIfNull(spotShocks);
        ArgumentNullException.ThrowIfNull(volShocks);
        ArgumentNullException.ThrowIfNull(minimumChargeTiers);
        SpotShocks = [.. spotShocks];
        if (SpotShocks.IsEmpty || !SpotShocks.Contains(0) || SpotShocks.Any(m => !(m > -1 && m < 1)))
        {
            Guard.ThrowArgument($"{Owner}: MR1 spot shocks must include 0 and lie in (-1, 1), got [{string.Join(", ", SpotShocks.Select(Guard.Format))}].", nameof(spotShocks));
        }

        VolShocks = [.. volShocks];
        for (int i = 0; i < VolShocks.Length; i++)
        {
            OkxVolShockRow r = VolShocks[i];
            if ((i == 0 ? r.FromDays != 0 : !(r.FromDays > VolShocks[i - 1].FromDays)) || !(r.UpPoints >= 0) || !(r.DownPoints >= 0) || !double.IsFinite(r.UpPoints + r.DownPoints + r.FromDays))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture, $"{Owner}: vol shock row {i} must start at 0 (first row) or after the previous row, with finite shocks >= 0."), nameof(volShocks));
            }
        }

        if (VolShocks.IsEmpty)
        {
            Guard.ThrowArgument($"{Owner}: the MR1 vol shock table needs at least one row.", nameof(volShocks));
        }

        ThetaDays = Guard.NonNegative(thetaDays, $"{Owner}: MR2 days");
        if (!(extremeMove > 0 && extremeMove < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(extremeMove), extremeMove, $"{Owner}: MR6 extreme move must be in (0, 1), got {Guard.Format(extremeMove)}.");
        }

        if (!(extremeFactor > 0 && extremeFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(extremeFactor), extremeFactor, $"{Owner}: MR6 factor must be in (0, 1], got {Guard.Format(extremeFactor)}.");
        }

        ExtremeMove = extremeMove;
        ExtremeFactor = extremeFactor;
        BasisPerpRate = Guard.NonNegative(basisPerpRate, $"{Owner}: MR4 perpetual rate");
        AnnualisedMoveRisk = Guard.NonNegative(annualisedMoveRisk, $"{Owner}: MR4 annualised move risk");
        MinimumChargeRate = Guard.NonNegative(minimumChargeRate, $"{Owner}: MR7 rate");
        MinimumChargeTiers = [.. minimumChargeTiers];
        for (int i = 0; i < MinimumChargeTiers.Length; i++)
        {
            OkxMinimumChargeTier t = MinimumChargeTiers[i];
            if ((i == 0 ? t.From != 0 : !(t.From > MinimumChargeTiers[i - 1].From)) || !(t.Multiplier >= 1) || !double.IsFinite(t.From + t.Multiplier))
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture, $"{Owner}: MR7 tier {i} must start at 0 (first tier) or above the previous tier, with a finite multiplier >= 1."), nameof(minimumChargeTiers));
            }
        }

        if (MinimumChargeTiers.IsEmpty)
        {
            Guard.ThrowArgument($"{Owner}: MR7 needs at least one tier.", nameof(minimumChargeTiers));
        }
    }

    /// <summary>MR1 price moves.</summary>
    public ImmutableArray<double> SpotShocks { get; }

    /// <summary>MR1 vol shock table.</summary>
    public ImmutableArray<OkxVolShockRow> VolShocks { get; }

    /// <summary>MR2 look-ahead in days.</summary>
    public double ThetaDays { get; }

    /// <summary>MR6 extreme move each way.</summary>
    public double ExtremeMove { get; }

    /// <summary>MR6 = factor × worst extreme loss.</summary>
    public double ExtremeFactor { get; }

    /// <summary>MR4 rate for perpetuals and spot, and floor for dated expiries.</summary>
    public double BasisPerpRate { get; }

    /// <summary>MR4 annualised move risk.</summary>
    public double AnnualisedMoveRisk { get; }

    /// <summary>MR7 raw rate.</summary>
    public double MinimumChargeRate { get; }

    /// <summary>MR7 tiers.</summary>
    public ImmutableArray<OkxMinimumChargeTier> MinimumChargeTiers { get; }

    /// <summary>The vol shock row for an option <paramref name="days"/> from expiry.</summary>
    public OkxVolShockRow VolShockFor(double days)
    {
        OkxVolShockRow row = VolShocks[0];
        foreach (OkxVolShockRow r in VolShocks)
        {
            if (days >= r.FromDays)
            {
                row = r;
            }
        }

        return row;
    }

    /// <summary>MR4 rate of an expiry <paramref name="years"/> away (0 for perpetuals and spot): <c>max(perp rate, annualised move risk · T)</c>.</summary>
    public double BasisRate(double years) => Math.Max(BasisPerpRate, AnnualisedMoveRisk * years);

    /// <summary>MR7 after the tiers: each slice of the raw charge counts its tier's multiplier (OKX's incremental scaling).</summary>
    /// <param name="raw">Raw minimum charge in USD, ≥ 0.</param>
    public double ScaleMinimumCharge(double raw)
    {
        double scaled = 0;
        for (int i = 0; i < MinimumChargeTiers.Length; i++)
        {
            double from = MinimumChargeTiers[i].From, to = i + 1 < MinimumChargeTiers.Length ? MinimumChargeTiers[i + 1].From : double.PositiveInfinity;
            if (raw > from)
            {
                scaled += (Math.Min(raw, to) - from) * MinimumChargeTiers[i].Multiplier;
            }
        }

        return scaled;
    }
}

/// <summary>OKX portfolio-margin parameters: IMR/MMR ratio, MR9 rate, per-risk-unit parameters and provenance. Immutable.</summary>
public sealed record OkxParameters
{
    /// <summary>Creates the parameter set.</summary>
    /// <param name="version">Label reported in results.</param>
    /// <param name="initialToMaintenance">IMR = ratio × MMR (1.3), ≥ 1.</param>
    /// <param name="stablecoinRate">MR9 rate on the hedged volume between stablecoin-quoted deltas (tier 1: 0.5 %), ≥ 0.</param>
    /// <param name="units">Parameters by underlying symbol; at least one.</param>
    /// <param name="provenance">Sources and notes.</param>
    /// <exception cref="ArgumentException">A value is out of range or no unit is given.</exception>
    public OkxParameters(string version, double initialToMaintenance, double stablecoinRate, IReadOnlyDictionary<string, OkxUnitParameters> units, ParameterProvenance provenance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(units);
        if (!(initialToMaintenance >= 1) || !double.IsFinite(initialToMaintenance))
        {
            throw new ArgumentOutOfRangeException(nameof(initialToMaintenance), initialToMaintenance, $"OKX parameters: IMR/MMR must be finite and >= 1, got {Guard.Format(initialToMaintenance)}.");
        }

        if (units.Count == 0)
        {
            Guard.ThrowArgument("OKX parameters: give the parameters of at least one risk unit.", nameof(units));
        }

        Version = version;
        InitialToMaintenance = initialToMaintenance;
        StablecoinRate = Guard.NonNegative(stablecoinRate, "OKX parameters: MR9 rate");
        Units = units.ToImmutableSortedDictionary(kv => kv.Key, kv => Guard.NotNull(kv.Value, nameof(units)), StringComparer.Ordinal);
        Provenance = Guard.NotNull(provenance);
    }

    /// <summary>Label reported in results.</summary>
    public string Version { get; }

    /// <summary>IMR = ratio × MMR.</summary>
    public double InitialToMaintenance { get; }

    /// <summary>MR9 rate.</summary>
    public double StablecoinRate { get; }

    /// <summary>Parameters by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, OkxUnitParameters> Units { get; }

    /// <summary>Sources and notes.</summary>
    public ParameterProvenance Provenance { get; }

    /// <summary>The parameters of a risk unit.</summary>
    /// <exception cref="KeyNotFoundException">The underlying has none (the message lists the known ones).</exception>
    public OkxUnitParameters For(string symbol) =>
        Units.TryGetValue(symbol, out OkxUnitParameters? p) ? p
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"OKX parameters '{Version}' have no risk unit '{symbol}' (known: {string.Join(", ", Units.Keys)})."));

    /// <summary>
    /// <c>MMR = max(max(MR1, MR2, MR6) + MR3 + MR4 + MR5 + MR9, MR7)</c>, OKX's published aggregation of a risk unit
    /// (MR8, borrowing, is account-level and added outside).
    /// </summary>
    public static double MaintenanceOf(double mr1, double mr2, double mr3, double mr4, double mr5, double mr6, double mr7, double mr9) =>
        Math.Max(Math.Max(Math.Max(mr1, mr2), mr6) + mr3 + mr4 + mr5 + mr9, mr7);

    /// <summary>The January 2025 parameters for BTC, ETH and LTC; see <see cref="Provenance"/>.</summary>
    public static OkxParameters Default { get; } = OkxDefaults.Create();
}
