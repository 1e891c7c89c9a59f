namespace PortfolioMargin.Solvency;

/// <summary>How <see cref="PositionPath.Restruck"/> sizes the re-struck book on each date.</summary>
public enum RestruckScaling : byte
{
    /// <summary>
    /// The same notional in the quote currency as the reference book, per underlying (default): coin quantities (spot,
    /// linear futures, perpetuals and options, inverse options) scale by <c>S_ref/S_t</c>, inverse futures and
    /// perpetuals (whose contracts have a fixed quote-currency face) keep their quantity. Margins and losses stay on one
    /// scale across years, so a margin series shows the model, not the price level.
    /// </summary>
    ConstantNotional = 0,

    /// <summary>The same coin quantities as the reference book: coin quantities stay, inverse faces scale by <c>S_t/S_ref</c>.</summary>
    ConstantQuantity = 1,
}
