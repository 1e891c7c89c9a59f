namespace PortfolioMargin.MarketData;

/// <summary>Market data needed to value or margin a position is absent from the snapshot.</summary>
public sealed class MissingMarketDataException : InvalidOperationException
{
    /// <summary>Creates the exception for an instrument (or other item) and the field it needs.</summary>
    /// <param name="item">The instrument name (or currency/underlying) that needed the data.</param>
    /// <param name="field">The missing field, e.g. <c>forward price for expiry 2026-03-27</c>.</param>
    public MissingMarketDataException(string item, string field)
        : base($"Missing market data for '{item}': {field}.")
    {
        Item = item;
        Field = field;
    }

    /// <summary>Creates the exception with a message.</summary>
    public MissingMarketDataException() : this("(unknown)", "(unspecified)")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MissingMarketDataException(string message) : base(message)
    {
        Item = "(unknown)";
        Field = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public MissingMarketDataException(string message, Exception innerException) : base(message, innerException)
    {
        Item = "(unknown)";
        Field = message;
    }

    /// <summary>The instrument, underlying or currency that needed the data.</summary>
    public string Item { get; }

    /// <summary>The missing field.</summary>
    public string Field { get; }
}
