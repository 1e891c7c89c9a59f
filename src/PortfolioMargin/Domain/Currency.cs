namespace PortfolioMargin;

/// <summary>
/// A currency or coin code such as <c>USD</c>, <c>USDT</c> or <c>BTC</c>: 2–12 upper-case ASCII letters or digits.
/// Immutable value type.
/// </summary>
public readonly record struct Currency
{
    /// <summary>Creates a currency from its code.</summary>
    /// <exception cref="ArgumentException">The code is empty, longer than 12 characters, or not upper-case letters and digits.</exception>
    public Currency(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is < 2 or > 12 || !code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9')))
        {
            Guard.ThrowArgument($"Currency code '{code}' is invalid: expected 2-12 upper-case ASCII letters or digits (e.g. USD, BTC).", nameof(code));
        }

        Code = code;
    }

    /// <summary>The code, e.g. <c>USD</c>.</summary>
    public string Code { get; }

    /// <summary>US dollar.</summary>
    public static Currency Usd { get; } = new("USD");

    /// <summary>Tether (USDT).</summary>
    public static Currency Usdt { get; } = new("USDT");

    /// <summary>USD Coin (USDC).</summary>
    public static Currency Usdc { get; } = new("USDC");

    /// <summary>Bitcoin.</summary>
    public static Currency Btc { get; } = new("BTC");

    /// <summary>Ether.</summary>
    public static Currency Eth { get; } = new("ETH");

    /// <summary>The code.</summary>
    public override string ToString() => Code ?? "(default)";
}
