namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The library currency of a combined commodity's currency code.</summary>
internal static class SpanCurrencies
{
    /// <summary>The currency of <paramref name="cc"/> (its code in upper case).</summary>
    /// <exception cref="ArgumentException">The code is not a currency code (names the combined commodity).</exception>
    public static Currency Of(SpanCombinedCommodity cc)
    {
        try
        {
            return new Currency(cc.Currency.Trim().ToUpperInvariant());
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Combined commodity '{cc.Code}': currency '{cc.Currency}' is not a currency code.", nameof(cc), e);
        }
    }
}
