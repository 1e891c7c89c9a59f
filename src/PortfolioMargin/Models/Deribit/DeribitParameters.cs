using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.Deribit;

/// <summary>
/// Deribit portfolio margin (PME) parameters of one underlying, as <c>private/pme/simulate</c> returns them in
/// <c>model_params</c>: the currency-pair block (price range, vol shocks, extended table, delta shock) and the
/// currency block (roll shock, extended dampener, P&amp;L offset). Immutable; the constructor validates.
/// </summary>
public sealed record DeribitPairParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="priceRange">Largest price move each way (<c>price_range</c>, 0.16 = ±16 %), in (0, 1).</param>
    /// <param name="volRangeUp">Relative vol-up shock at 30 days (<c>volatility_range_up</c>), ≥ 0.</param>
    /// <param name="volRangeDown">Relative vol-down shock at 30 days (<c>volatility_range_down</c>), in [0, 1].</param>
    /// <param name="minVolForShockUp">Least vol after the up shock (<c>min_volatility_for_shock_up</c>), ≥ 0.</param>
    /// <param name="shortTermVegaPower">Power of <c>30/DTE</c> below 30 days (<c>short_term_vega_power</c>), ≥ 0.</param>
    /// <param name="longTermVegaPower">Power from 30 days (<c>long_term_vega_power</c>), ≥ 0.</param>
    /// <param name="extendedTableFactor">Factor on the extended table (<c>extended_table_factor</c>), ≥ 0.</param>
    /// <param name="extendedMoves">Extended-table price moves (Deribit's article: −66 %, −33 %, +50 % … +500 %); each &gt; −1, not 0, beyond the price range.</param>
    /// <param name="maxDeltaShock">Cap of the delta shock as a fraction of the delta notional (<c>max_delta_shock</c>), ≥ 0.</param>
    /// <param name="deltaShockThreshold">Delta notional in USD above which the delta shock starts (<c>delta_total_liq_shock_threshold</c>), ≥ 0.</param>
    /// <param name="deltaShockIncrement">Increment of the delta shock (<c>m_inc</c>), ≥ 0.</param>
    /// <param name="annualisedMoveRisk">Roll-shock rate per year (<c>annualised_move_risk</c>), ≥ 0.</param>
    /// <param name="minAnnualisedMove">Roll-shock floor as a fraction of the notional (<c>min_annualised_move</c>), ≥ 0.</param>
    /// <param name="extendedDampener">Extended-table dampener in USD (<c>extended_dampener</c>), ≥ 0.</param>
    /// <param name="pnlOffset">Fraction of a positive aggregated P&amp;L that offsets losses (<c>pnl_offset</c>), in [0, 1].</param>
    /// <param name="maxOffsetablePnl">Cap of the offset in USD (<c>max_offsetable_pnl</c>; 0 = no cap), ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (named).</exception>
    public DeribitPairParameters(double priceRange, double volRangeUp, double volRangeDown, double minVolForShockUp, double shortTermVegaPower,
        double longTermVegaPower, double extendedTableFactor, IEnumerable<double> extendedMoves, double maxDeltaShock, double deltaShockThreshold,
        double deltaShockIncrement, double annualisedMoveRisk, double minAnnualisedMove, double extendedDampener, double pnlOffset, double maxOffsetablePnl)
    {
        const string Owner = "Deribit pair parameters";
        if (!(priceRange > 0 && priceRange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(priceRange), priceRange, $"{Owner}: price range must be in (0, 1), got {Guard.Format(priceRange)}.");
        }

        if (!(volRangeDown >= 0 && volRangeDown <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(volRangeDown), volRangeDown, $"{Owner}: vol range down must be in [0, 1], got {Guard.Format(volRangeDown)}.");
        }

        if (!(pnlOffset >= 0 && pnlOffset <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(pnlOffset), pnlOffset, $"{Owner}: P&L offset must be in [0, 1], got {Guard.Format(pnlOffset)}.");
        }

        ArgumentNullException.ThrowIfNull(extendedMoves);
        PriceRange = priceRange;
        VolRangeUp = Guard.NonNegative(volRangeUp, $"{Owner}: vol range up");
        VolRangeDown = volRangeDown;
        MinVolForShockUp = Guard.NonNegative(minVolForShockUp, $"{Owner}: minimum vol for the up shock");
        ShortTermVegaPower = Guard.NonNegative(shortTermVegaPower, $"{Owner}: short-term vega power");
        LongTermVegaPower = Guard.NonNegative(longTermVegaPower, $"{Owner}: long-term vega power");
        ExtendedTableFactor = Guard.NonNegative(extendedTableFactor, $"{Owner}: extended table factor");
        ExtendedMoves = [.. extendedMoves];
        foreach (double m in ExtendedMoves)
        {
            if (!(m > -1) || !double.IsFinite(m) || Math.Abs(m) <= priceRange)
            {
                throw new ArgumentOutOfRangeException(nameof(extendedMoves), m, $"{Owner}: an extended move must be finite, > -1 and beyond the price range {Guard.Format(priceRange)}, got {Guard.Format(m)}.");
            }
        }

        MaxDeltaShock = Guard.NonNegative(maxDeltaShock, $"{Owner}: max delta shock");
        DeltaShockThreshold = Guard.NonNegative(deltaShockThreshold, $"{Owner}: delta shock threshold");
        DeltaShockIncrement = Guard.NonNegative(deltaShockIncrement, $"{Owner}: delta shock increment");
        AnnualisedMoveRisk = Guard.NonNegative(annualisedMoveRisk, $"{Owner}: annualised move risk");
        MinAnnualisedMove = Guard.NonNegative(minAnnualisedMove, $"{Owner}: minimum annualised move");
        ExtendedDampener = Guard.NonNegative(extendedDampener, $"{Owner}: extended dampener");
        PnlOffset = pnlOffset;
        MaxOffsetablePnl = Guard.NonNegative(maxOffsetablePnl, $"{Owner}: max offsetable P&L");
    }

    /// <summary>Largest price move each way.</summary>
    public double PriceRange { get; }

    /// <summary>Relative vol-up shock at 30 days.</summary>
    public double VolRangeUp { get; }

    /// <summary>Relative vol-down shock at 30 days.</summary>
    public double VolRangeDown { get; }

    /// <summary>Least vol after the up shock.</summary>
    public double MinVolForShockUp { get; }

    /// <summary>Power of <c>30/DTE</c> below 30 days to expiry.</summary>
    public double ShortTermVegaPower { get; }

    /// <summary>Power of <c>30/DTE</c> from 30 days to expiry.</summary>
    public double LongTermVegaPower { get; }

    /// <summary>Factor on the extended table.</summary>
    public double ExtendedTableFactor { get; }

    /// <summary>Extended-table price moves in order.</summary>
    public ImmutableArray<double> ExtendedMoves { get; }

    /// <summary>Cap of the delta shock as a fraction of the delta notional.</summary>
    public double MaxDeltaShock { get; }

    /// <summary>Delta notional (USD) above which the delta shock starts.</summary>
    public double DeltaShockThreshold { get; }

    /// <summary>Increment of the delta shock.</summary>
    public double DeltaShockIncrement { get; }

    /// <summary>Roll-shock rate per year.</summary>
    public double AnnualisedMoveRisk { get; }

    /// <summary>Roll-shock floor.</summary>
    public double MinAnnualisedMove { get; }

    /// <summary>Extended-table dampener (USD).</summary>
    public double ExtendedDampener { get; }

    /// <summary>Fraction of a positive aggregated P&amp;L that counts.</summary>
    public double PnlOffset { get; }

    /// <summary>Cap of the counted positive P&amp;L (USD); 0 = no cap.</summary>
    public double MaxOffsetablePnl { get; }

    /// <summary>Relative vol shocks <c>(up, down)</c> of an option <paramref name="daysToExpiry"/> days from expiry: <c>range · (30 / max(DTE, 1))^p</c>, <c>p</c> short-term below 30 days.</summary>
    public (double Up, double Down) VolShocks(double daysToExpiry)
    {
        double f = Math.Pow(30 / Math.Max(daysToExpiry, 1), daysToExpiry < 30 ? ShortTermVegaPower : LongTermVegaPower);
        return (VolRangeUp * f, VolRangeDown * f);
    }

    /// <summary>Factor of the extended-table P&amp;L at move <paramref name="move"/>: <c>ETF · (PR / |m|) · (1 + m) / (1 + sign(m)·PR)</c> (inferred).</summary>
    public double ExtendedFactor(double move) =>
        ExtendedTableFactor * (PriceRange / Math.Abs(move)) * (1 + move) / (1 + (Math.Sign(move) * PriceRange));

    /// <summary>Extended-table dampener at move <paramref name="move"/> in USD: <c>(max(|m|/PR, 1) − 1) · dampener / (1 + sign(m)·PR)</c> (inferred).</summary>
    public double Dampener(double move) =>
        (Math.Max(Math.Abs(move) / PriceRange, 1) - 1) * ExtendedDampener / (1 + (Math.Sign(move) * PriceRange));
}

/// <summary>
/// Deribit portfolio margin (PME) parameters: the general block (<c>mm_factor</c>, <c>buckets_count</c>), the
/// rounding of the worst case, per-underlying <see cref="DeribitPairParameters"/>, and provenance. Immutable.
/// </summary>
public sealed record DeribitParameters
{
    /// <summary>Creates the parameter set.</summary>
    /// <param name="version">Label reported in results.</param>
    /// <param name="maintenanceFactor">MM = factor × risk-matrix margin (<c>mm_factor</c>), in (0, 1].</param>
    /// <param name="bucketsCount">Price buckets per side (<c>buckets_count</c>; 4 gives 9 price points), 1 to 100.</param>
    /// <param name="worstCaseDecimals">Decimals the worst case is rounded to before it enters the risk-matrix margin (9 reproduces Deribit in the coin), 0 to 15.</param>
    /// <param name="pairs">Parameters by underlying symbol; at least one.</param>
    /// <param name="provenance">Sources and notes.</param>
    /// <exception cref="ArgumentException">A value is out of range or no pair is given.</exception>
    public DeribitParameters(string version, double maintenanceFactor, int bucketsCount, int worstCaseDecimals, IReadOnlyDictionary<string, DeribitPairParameters> pairs,
        ParameterProvenance provenance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(pairs);
        if (!(maintenanceFactor > 0 && maintenanceFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maintenanceFactor), maintenanceFactor, $"Deribit parameters: MM factor must be in (0, 1], got {Guard.Format(maintenanceFactor)}.");
        }

        if (bucketsCount is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketsCount), bucketsCount, "Deribit parameters: buckets per side must be in [1, 100].");
        }

        if (worstCaseDecimals is < 0 or > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(worstCaseDecimals), worstCaseDecimals, "Deribit parameters: worst-case decimals must be in [0, 15].");
        }

        if (pairs.Count == 0)
        {
            Guard.ThrowArgument("Deribit parameters: give the parameters of at least one underlying.", nameof(pairs));
        }

        foreach (var kv in pairs)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(kv.Key, nameof(pairs));
            Guard.NotNull(kv.Value, nameof(pairs));
        }

        Version = version;
        MaintenanceFactor = maintenanceFactor;
        BucketsCount = bucketsCount;
        WorstCaseDecimals = worstCaseDecimals;
        Pairs = pairs.ToImmutableSortedDictionary(StringComparer.Ordinal);
        Provenance = Guard.NotNull(provenance);
    }

    /// <summary>Label reported in results.</summary>
    public string Version { get; }

    /// <summary>MM = factor × risk-matrix margin.</summary>
    public double MaintenanceFactor { get; }

    /// <summary>Price buckets per side.</summary>
    public int BucketsCount { get; }

    /// <summary>Decimals of the worst case.</summary>
    public int WorstCaseDecimals { get; }

    /// <summary>Parameters by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, DeribitPairParameters> Pairs { get; }

    /// <summary>Sources and notes.</summary>
    public ParameterProvenance Provenance { get; }

    /// <summary>The parameters of an underlying.</summary>
    /// <exception cref="KeyNotFoundException">The underlying has none (the message lists the known ones).</exception>
    public DeribitPairParameters For(string symbol) =>
        Pairs.TryGetValue(symbol, out DeribitPairParameters? p) ? p
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Deribit parameters '{Version}' have no entry for underlying '{symbol}' (known: {string.Join(", ", Pairs.Keys)})."));

    /// <summary>Published BTC (docs example, 2024-06-17) and ETH (captured response, 2026-02-15) parameters; see <see cref="Provenance"/>.</summary>
    public static DeribitParameters Default { get; } = DeribitDefaults.Create();
}
