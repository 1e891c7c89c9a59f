using System.Globalization;

namespace PortfolioMargin.Instruments;

/// <summary>
/// A tradable product on one <see cref="Underlying"/>. Instruments are immutable descriptions: they know nothing of
/// prices or pricers (market data is supplied separately and a portfolio is resolved against it once).
/// </summary>
/// <remarks>Records: two instruments with the same terms are equal. Thread-safe.</remarks>
public abstract record Instrument
{
    /// <summary>Largest accepted contract multiplier; larger values are treated as input errors.</summary>
    public const double MaxMultiplier = 1e9;

    private protected Instrument(Underlying underlying, double multiplier, string? name)
    {
        ArgumentNullException.ThrowIfNull(underlying);
        if (!(multiplier > 0) || multiplier > MaxMultiplier)
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier,
                $"Instrument on '{underlying.Symbol}': contract multiplier must be in (0, {MaxMultiplier:G}], got {Guard.Format(multiplier)}.");
        }

        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            Guard.ThrowArgument("Instrument name must not be blank when given.", nameof(name));
        }

        Underlying = underlying;
        Multiplier = multiplier;
        ExplicitName = name;
    }

    /// <summary>The underlying (risk group).</summary>
    public Underlying Underlying { get; }

    /// <summary>Contract multiplier <c>m</c>: units of underlying per contract for linear products and options, quote-currency face value per contract for inverse futures and perpetuals.</summary>
    public double Multiplier { get; }

    /// <summary>What kind of product this is.</summary>
    public abstract InstrumentKind Kind { get; }

    /// <summary>The currency P&amp;L and value are settled in: the quote currency for linear products, the base coin for inverse ones.</summary>
    public Currency SettlementCurrency => IsInverse ? Underlying.BaseCurrency : Underlying.QuoteCurrency;

    /// <summary>True for coin-settled (inverse) products.</summary>
    public bool IsInverse => Kind is InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual or InstrumentKind.InverseOption;

    /// <summary>Expiry of dated products; <c>null</c> for spot and perpetuals.</summary>
    public virtual DateTimeOffset? Expiry => null;

    /// <summary>The display name: the one given at construction, else generated from the terms (e.g. <c>BTC-27MAR26-60000-C</c>).</summary>
    /// <remarks>A generated name is built once per instance (kept outside the record's fields, so equality is unaffected).</remarks>
    public string Name => ExplicitName ?? GeneratedNames.GetValue(this, static i => i.DefaultName());

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Instrument, string> GeneratedNames = new();

    private string? ExplicitName { get; }

    /// <summary>The name given at construction, or null when the name is generated.</summary>
    internal string? GivenName => ExplicitName;

    /// <summary><see cref="Name"/> without caching a generated name (for writers that visit millions of instruments once each).</summary>
    internal string NameUncached => ExplicitName ?? DefaultName();

    /// <summary>The name generated from the terms, whether or not one was given.</summary>
    internal string GeneratedName => DefaultName();

    private protected abstract string DefaultName();

    private protected static string ExpiryCode(DateTimeOffset expiry) =>
        expiry.UtcDateTime.ToString("ddMMMyy", CultureInfo.InvariantCulture).ToUpperInvariant();

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}

/// <summary>A spot holding of the underlying: value <c>q·m·S</c> in the quote currency.</summary>
public sealed record SpotInstrument : Instrument
{
    /// <summary>Creates a spot instrument.</summary>
    /// <param name="underlying">The asset.</param>
    /// <param name="multiplier">Units of the asset per unit of quantity (default 1).</param>
    /// <param name="name">Optional display name (default <c>{symbol}-SPOT</c>).</param>
    public SpotInstrument(Underlying underlying, double multiplier = 1.0, string? name = null)
        : base(underlying, multiplier, name)
    {
    }

    /// <inheritdoc />
    public override InstrumentKind Kind => InstrumentKind.Spot;

    private protected override string DefaultName() => $"{Underlying.Symbol}-SPOT";
}

/// <summary>A perpetual swap (linear or inverse); marked at the underlying's spot price, funding not modelled.</summary>
public sealed record Perpetual : Instrument
{
    /// <summary>Creates a perpetual.</summary>
    /// <param name="underlying">The underlying.</param>
    /// <param name="inverse">True for a coin-margined (inverse) perpetual, whose multiplier is a face value in quote currency (e.g. 10 USD).</param>
    /// <param name="multiplier">Contract multiplier (units of underlying if linear; quote-currency face value if inverse).</param>
    /// <param name="name">Optional display name (default <c>{symbol}-PERP</c>, <c>{symbol}-PERP-INV</c>).</param>
    public Perpetual(Underlying underlying, bool inverse = false, double multiplier = 1.0, string? name = null)
        : base(underlying, multiplier, name)
    {
        Inverse = inverse;
    }

    /// <summary>True for a coin-margined perpetual.</summary>
    public bool Inverse { get; }

    /// <inheritdoc />
    public override InstrumentKind Kind => Inverse ? InstrumentKind.InversePerpetual : InstrumentKind.LinearPerpetual;

    private protected override string DefaultName() => Inverse ? $"{Underlying.Symbol}-PERP-INV" : $"{Underlying.Symbol}-PERP";
}

/// <summary>A dated future (linear or inverse), marked at the forward price for its expiry.</summary>
public sealed record Future : Instrument
{
    /// <summary>Creates a dated future.</summary>
    /// <param name="underlying">The underlying.</param>
    /// <param name="expiry">Expiry (last trading / settlement time).</param>
    /// <param name="inverse">True for a coin-margined (inverse) future, whose multiplier is a face value in quote currency.</param>
    /// <param name="multiplier">Contract multiplier.</param>
    /// <param name="name">Optional display name (default <c>{symbol}-{ddMMMyy}</c>, with <c>-INV</c> when inverse).</param>
    public Future(Underlying underlying, DateTimeOffset expiry, bool inverse = false, double multiplier = 1.0, string? name = null)
        : base(underlying, multiplier, name)
    {
        ExpiryTime = expiry;
        Inverse = inverse;
    }

    /// <summary>True for a coin-margined future.</summary>
    public bool Inverse { get; }

    /// <summary>The expiry.</summary>
    public DateTimeOffset ExpiryTime { get; }

    /// <inheritdoc />
    public override DateTimeOffset? Expiry => ExpiryTime;

    /// <inheritdoc />
    public override InstrumentKind Kind => Inverse ? InstrumentKind.InverseFuture : InstrumentKind.LinearFuture;

    private protected override string DefaultName() => $"{Underlying.Symbol}-{ExpiryCode(ExpiryTime)}{(Inverse ? "-INV" : "")}";
}

/// <summary>A European option on the forward for its expiry, priced with Black-76, settled linearly or inversely.</summary>
public sealed record EuropeanOption : Instrument
{
    /// <summary>Creates a European option.</summary>
    /// <param name="underlying">The underlying.</param>
    /// <param name="right">Call or put.</param>
    /// <param name="strike">Strike price in the quote currency; finite and &gt; 0.</param>
    /// <param name="expiry">Expiry.</param>
    /// <param name="settlement">Linear (quote currency) or inverse (base coin).</param>
    /// <param name="multiplier">Units of underlying per contract (default 1).</param>
    /// <param name="name">Optional display name (default <c>{symbol}-{ddMMMyy}-{strike}-{C|P}</c>, with <c>-INV</c> when inverse).</param>
    /// <exception cref="ArgumentOutOfRangeException">The strike is not finite and positive.</exception>
    public EuropeanOption(Underlying underlying, OptionRight right, double strike, DateTimeOffset expiry,
        OptionSettlement settlement = OptionSettlement.Linear, double multiplier = 1.0, string? name = null)
        : base(underlying, multiplier, name)
    {
        if (!(strike > 0) || !double.IsFinite(strike))
        {
            throw new ArgumentOutOfRangeException(nameof(strike), strike,
                $"Option on '{underlying.Symbol}': strike must be a finite number > 0, got {Guard.Format(strike)}.");
        }

        if (!Enum.IsDefined(right))
        {
            throw new ArgumentOutOfRangeException(nameof(right), right, "Option right must be Call or Put.");
        }

        if (!Enum.IsDefined(settlement))
        {
            throw new ArgumentOutOfRangeException(nameof(settlement), settlement, "Option settlement must be Linear or Inverse.");
        }

        Right = right;
        Strike = strike;
        ExpiryTime = expiry;
        Settlement = settlement;
    }

    /// <summary>Call or put.</summary>
    public OptionRight Right { get; }

    /// <summary>Strike price in the quote currency.</summary>
    public double Strike { get; }

    /// <summary>The expiry.</summary>
    public DateTimeOffset ExpiryTime { get; }

    /// <summary>Linear or inverse settlement.</summary>
    public OptionSettlement Settlement { get; }

    /// <inheritdoc />
    public override DateTimeOffset? Expiry => ExpiryTime;

    /// <inheritdoc />
    public override InstrumentKind Kind => Settlement == OptionSettlement.Inverse ? InstrumentKind.InverseOption : InstrumentKind.LinearOption;

    private protected override string DefaultName() =>
        string.Create(CultureInfo.InvariantCulture, $"{Underlying.Symbol}-{ExpiryCode(ExpiryTime)}-{Strike:0.########}-{(Right == OptionRight.Call ? "C" : "P")}{(Settlement == OptionSettlement.Inverse ? "-INV" : "")}");
}
