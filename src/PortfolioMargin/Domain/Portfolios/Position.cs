using PortfolioMargin.Instruments;

namespace PortfolioMargin.Portfolios;

/// <summary>A signed quantity of one instrument (long &gt; 0, short &lt; 0). Immutable.</summary>
public sealed record Position
{
    /// <summary>Largest accepted absolute quantity; larger values are treated as input errors.</summary>
    public const double MaxAbsQuantity = 1e12;

    /// <summary>Creates a position.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="quantity">Signed number of contracts; finite, |q| ≤ <see cref="MaxAbsQuantity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The quantity is NaN, infinite or absurdly large.</exception>
    public Position(Instrument instrument, double quantity)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!double.IsFinite(quantity) || Math.Abs(quantity) > MaxAbsQuantity)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity,
                $"Position in '{instrument.Name}': quantity must be finite with |q| <= {MaxAbsQuantity:G}, got {Guard.Format(quantity)}.");
        }

        Instrument = instrument;
        Quantity = quantity;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>Signed quantity in contracts.</summary>
    public double Quantity { get; }

    /// <summary>The same instrument with a quantity multiplied by <paramref name="factor"/>.</summary>
    public Position Scale(double factor) => new(Instrument, Quantity * factor);

    /// <summary>E.g. <c>+2 BTC-27MAR26-60000-C</c>.</summary>
    public override string ToString() => Labels.GetValue(this, static p => $"{(p.Quantity >= 0 ? "+" : "")}{Guard.Format(p.Quantity)} {p.Instrument.Name}");

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Position, string> Labels = new();
}
