using System.Globalization;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// The concentration charge of one underlying: the net notional <c>N = |Σ e_i|</c> of the book's positions in it
/// (dollar deltas, report currency) is measured against the market's <see cref="Reference"/> notional <c>R</c>; the
/// add-on is <c>Schedule.Rate(N / R) · N</c>. Immutable.
/// </summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="Reference">Average daily volume or open interest.</param>
/// <param name="ReferenceNotional">The market's ADV or open interest as a notional in the report currency, finite, &gt; 0.</param>
/// <param name="Schedule">Rate as a function of <c>N / R</c>.</param>
public sealed record ConcentrationRule(string Underlying, LiquidityReference Reference, double ReferenceNotional, ConcentrationSchedule Schedule)
{
    /// <summary>Checks the rule.</summary>
    /// <exception cref="ArgumentException">Blank symbol, null schedule, unknown reference.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reference notional is not finite and &gt; 0.</exception>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Underlying);
        ArgumentNullException.ThrowIfNull(Schedule);
        Guard.Positive(ReferenceNotional, $"Concentration rule '{Underlying}': reference notional");
        if (!Enum.IsDefined(Reference))
        {
            throw new ArgumentOutOfRangeException(nameof(Reference), Reference, "Unknown liquidity reference.");
        }
    }

    /// <summary>E.g. <c>BTC: 2.5 % of ADV 1,000,000,000; linear 0.1..1 to 20 %</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Underlying}: {(Reference == LiquidityReference.AverageDailyVolume ? "ADV" : "OI")} {ReferenceNotional:N0}; {Schedule}");
}
