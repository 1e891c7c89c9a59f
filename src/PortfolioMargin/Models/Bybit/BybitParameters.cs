using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.Bybit;

/// <summary>
/// Bybit portfolio-margin parameters of one risk unit (underlying): the stress-test grid (price range and points, relative
/// IV shocks) and the contingency rates. Immutable; the constructor validates.
/// </summary>
/// <remarks>Only the price range (±10 % for BTC and ETH since 10 January 2025) is published; see the provenance.</remarks>
public sealed record BybitUnitParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="priceRange">Largest price move each way, in (0, 1).</param>
    /// <param name="pricePoints">Equidistant price points over ±range including 0 (odd, 3 to 101); × 3 vol legs = the scenario count.</param>
    /// <param name="volUp">Relative IV-up shock, ≥ 0.</param>
    /// <param name="volDown">Relative IV-down shock, in [0, 1).</param>
    /// <param name="shortOptionRate">Short-option contingency per net short option unit × index, ≥ 0.</param>
    /// <param name="vegaSpreadRatePerDay">Vega-spread contingency per hedged option unit per day of expiry difference × index, ≥ 0.</param>
    /// <param name="deltaSpreadRatePerYear">Delta-spread contingency per hedged delta unit per year of expiry difference × index, ≥ 0.</param>
    /// <param name="futuresRate">Perpetual/futures contingency per unit of |quantity| × index, ≥ 0.</param>
    /// <param name="stablecoinSpreadRate">USDT-USDC spread contingency per unit of hedged USDT/USDC delta notional, ≥ 0.</param>
    /// <param name="initialFactor">IM = factor × MM, ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range (named).</exception>
    public BybitUnitParameters(double priceRange, int pricePoints, double volUp, double volDown, double shortOptionRate, double vegaSpreadRatePerDay,
        double deltaSpreadRatePerYear, double futuresRate, double stablecoinSpreadRate, double initialFactor)
    {
        const string Owner = "Bybit risk-unit parameters";
        if (!(priceRange > 0 && priceRange < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(priceRange), priceRange, $"{Owner}: price range must be in (0, 1), got {Guard.Format(priceRange)}.");
        }

        if (pricePoints is < 3 or > 101 || pricePoints % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pricePoints), pricePoints, $"{Owner}: price points must be odd, 3 to 101.");
        }

        if (!(volDown >= 0 && volDown < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(volDown), volDown, $"{Owner}: vol down must be in [0, 1), got {Guard.Format(volDown)}.");
        }

        if (!(initialFactor >= 1) || !double.IsFinite(initialFactor))
        {
            throw new ArgumentOutOfRangeException(nameof(initialFactor), initialFactor, $"{Owner}: IM factor must be finite and >= 1, got {Guard.Format(initialFactor)}.");
        }

        PriceRange = priceRange;
        PricePoints = pricePoints;
        VolUp = Guard.NonNegative(volUp, $"{Owner}: vol up");
        VolDown = volDown;
        ShortOptionRate = Guard.NonNegative(shortOptionRate, $"{Owner}: short option rate");
        VegaSpreadRatePerDay = Guard.NonNegative(vegaSpreadRatePerDay, $"{Owner}: vega spread rate");
        DeltaSpreadRatePerYear = Guard.NonNegative(deltaSpreadRatePerYear, $"{Owner}: delta spread rate");
        FuturesRate = Guard.NonNegative(futuresRate, $"{Owner}: futures rate");
        StablecoinSpreadRate = Guard.NonNegative(stablecoinSpreadRate, $"{Owner}: stablecoin spread rate");
        InitialFactor = initialFactor;
    }

    /// <summary>Largest price move each way.</summary>
    public double PriceRange { get; }

    /// <summary>Price points including 0.</summary>
    public int PricePoints { get; }

    /// <summary>Relative IV-up shock.</summary>
    public double VolUp { get; }

    /// <summary>Relative IV-down shock.</summary>
    public double VolDown { get; }

    /// <summary>Short-option contingency rate.</summary>
    public double ShortOptionRate { get; }

    /// <summary>Vega-spread contingency rate per day.</summary>
    public double VegaSpreadRatePerDay { get; }

    /// <summary>Delta-spread contingency rate per year.</summary>
    public double DeltaSpreadRatePerYear { get; }

    /// <summary>Perpetual/futures contingency rate.</summary>
    public double FuturesRate { get; }

    /// <summary>USDT-USDC spread contingency rate.</summary>
    public double StablecoinSpreadRate { get; }

    /// <summary>IM = factor × MM.</summary>
    public double InitialFactor { get; }

    /// <summary>Price move of point <paramref name="k"/> (0 … points − 1).</summary>
    public double Move(int k)
    {
        int half = PricePoints / 2;
        return k == half ? 0 : PriceRange * (k - half) / half;
    }
}

/// <summary>Bybit portfolio-margin parameters: per-risk-unit parameters and provenance. Immutable.</summary>
public sealed record BybitParameters
{
    /// <summary>Creates the parameter set.</summary>
    /// <exception cref="ArgumentException">No unit is given or one is null.</exception>
    public BybitParameters(string version, IReadOnlyDictionary<string, BybitUnitParameters> units, ParameterProvenance provenance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(units);
        if (units.Count == 0)
        {
            Guard.ThrowArgument("Bybit parameters: give the parameters of at least one risk unit.", nameof(units));
        }

        Version = version;
        Units = units.ToImmutableSortedDictionary(kv => kv.Key, kv => Guard.NotNull(kv.Value, nameof(units)), StringComparer.Ordinal);
        Provenance = Guard.NotNull(provenance);
    }

    /// <summary>Label reported in results.</summary>
    public string Version { get; }

    /// <summary>Parameters by underlying symbol.</summary>
    public ImmutableSortedDictionary<string, BybitUnitParameters> Units { get; }

    /// <summary>Sources and notes.</summary>
    public ParameterProvenance Provenance { get; }

    /// <summary>The parameters of a risk unit.</summary>
    /// <exception cref="KeyNotFoundException">The underlying has none (the message lists the known ones).</exception>
    public BybitUnitParameters For(string symbol) =>
        Units.TryGetValue(symbol, out BybitUnitParameters? p) ? p
            : throw new KeyNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Bybit parameters '{Version}' have no risk unit '{symbol}' (known: {string.Join(", ", Units.Keys)})."));

    /// <summary>BTC and ETH with the January 2025 price range; the other values are inferred or assumed (see <see cref="Provenance"/>).</summary>
    public static BybitParameters Default { get; } = BybitDefaults.Create();
}
