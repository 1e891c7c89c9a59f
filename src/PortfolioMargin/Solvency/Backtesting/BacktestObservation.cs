namespace PortfolioMargin.Solvency;

/// <summary>
/// One date of a back-test: the margin computed on the date's market and the loss realised over the margin period of
/// risk with the date's positions held. A value type.
/// </summary>
/// <param name="Date">The margin date.</param>
/// <param name="End">The end of the loss window (<c>Date + horizon</c>).</param>
/// <param name="Margin">The margin on <see cref="Date"/> (initial or maintenance, report currency).</param>
/// <param name="Loss">Realised loss: equity on <see cref="Date"/> minus equity on <see cref="End"/> (positive = loss), positions and collateral revalued, futures variation included.</param>
public readonly record struct BacktestObservation(DateOnly Date, DateOnly End, double Margin, double Loss)
{
    /// <summary>True when the loss exceeds the margin.</summary>
    public bool Breach => Loss > Margin;

    /// <summary>Loss beyond the margin, <c>max(0, Loss − Margin)</c>.</summary>
    public double Shortfall => Math.Max(0.0, Loss - Margin);
}
