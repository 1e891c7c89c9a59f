namespace PortfolioMargin.Pricing;

/// <summary>P&amp;L of linear and inverse (coin-margined) futures and perpetuals between two prices (spec §2).</summary>
public static class FuturePnl
{
    /// <summary>Linear: <c>q·m·(F₁ − F₀)</c> in the quote currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A price is not finite and &gt; 0, or q/m not finite.</exception>
    public static double Linear(double quantity, double multiplier, double entryPrice, double exitPrice)
    {
        Guard.Finite(quantity, "Quantity");
        Guard.Positive(multiplier, "Multiplier");
        return quantity * multiplier * (Guard.Positive(exitPrice, "Exit price") - Guard.Positive(entryPrice, "Entry price"));
    }

    /// <summary>Inverse: <c>q·m·(1/F₀ − 1/F₁)</c> in the base coin, with <c>m</c> the face value in quote currency.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A price is not finite and &gt; 0, or q/m not finite.</exception>
    public static double Inverse(double quantity, double multiplier, double entryPrice, double exitPrice)
    {
        Guard.Finite(quantity, "Quantity");
        Guard.Positive(multiplier, "Multiplier");
        return quantity * multiplier * ((1.0 / Guard.Positive(entryPrice, "Entry price")) - (1.0 / Guard.Positive(exitPrice, "Exit price")));
    }
}
