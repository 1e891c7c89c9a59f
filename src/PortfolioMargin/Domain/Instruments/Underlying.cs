namespace PortfolioMargin.Instruments;

/// <summary>
/// A risk factor that instruments are written on, e.g. BTC quoted in USD. All products on one underlying form one
/// risk group (combined commodity) in the scenario-grid model. Immutable.
/// </summary>
public sealed record Underlying
{
    /// <summary>Creates an underlying.</summary>
    /// <param name="symbol">Unique symbol, e.g. <c>BTC</c>.</param>
    /// <param name="baseCurrency">The asset itself (the coin that inverse products settle in), e.g. BTC.</param>
    /// <param name="quoteCurrency">The currency prices are quoted in, e.g. USD.</param>
    /// <exception cref="ArgumentException">The symbol is empty or base equals quote.</exception>
    public Underlying(string symbol, Currency baseCurrency, Currency quoteCurrency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        if (baseCurrency == quoteCurrency)
        {
            Guard.ThrowArgument($"Underlying '{symbol}': base and quote currency must differ, both are {baseCurrency}.", nameof(quoteCurrency));
        }

        if (baseCurrency.Code is null || quoteCurrency.Code is null)
        {
            Guard.ThrowArgument($"Underlying '{symbol}': currencies must be initialised.", nameof(baseCurrency));
        }

        Symbol = symbol;
        BaseCurrency = baseCurrency;
        QuoteCurrency = quoteCurrency;
    }

    /// <summary>Unique symbol, e.g. <c>BTC</c>.</summary>
    public string Symbol { get; }

    /// <summary>The asset (settlement coin of inverse products).</summary>
    public Currency BaseCurrency { get; }

    /// <summary>The quote currency of prices and of linear products' P&amp;L.</summary>
    public Currency QuoteCurrency { get; }

    /// <summary>The symbol.</summary>
    public override string ToString() => Symbol;
}
