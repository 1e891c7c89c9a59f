using System.Globalization;

namespace PortfolioMargin.RealTime;

/// <summary>
/// One account or book of a <see cref="BatchMargin"/> call failed: the message names it (account id and index, or the
/// book's index) and the failure (exception type and message); the inner exception is the cause, whatever its type
/// (a model's <see cref="NotSupportedException"/>, a <see cref="MarketData.MissingMarketDataException"/>, …).
/// </summary>
/// <remarks>Derives from <see cref="InvalidOperationException"/>, the type the batch threw before per-item outcomes existed.</remarks>
public sealed class BatchMarginException : InvalidOperationException
{
    /// <summary>Creates the exception for item <paramref name="index"/>.</summary>
    /// <param name="index">Index of the account or book in the batch's input.</param>
    /// <param name="accountId">The account's id; null for a book.</param>
    /// <param name="innerException">The cause.</param>
    public BatchMarginException(int index, string? accountId, Exception innerException)
        : base(Describe(index, accountId, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        Index = index;
        AccountId = accountId;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public BatchMarginException()
        : base("Batch margin failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public BatchMarginException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BatchMarginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Index of the failed account or book in the batch's input; −1 when unknown.</summary>
    public int Index { get; } = -1;

    /// <summary>The failed account's id; null for a book (or when unknown).</summary>
    public string? AccountId { get; }

    /// <summary>The item as named in the message: <c>account 'acc-7' (#7)</c> or <c>portfolio #3</c>.</summary>
    public string Item => Name(Index, AccountId);

    private static string Name(int index, string? accountId) =>
        accountId is null ? string.Create(CultureInfo.InvariantCulture, $"portfolio #{index}") : string.Create(CultureInfo.InvariantCulture, $"account '{accountId}' (#{index})");

    private static string Describe(int index, string? accountId, Exception cause) =>
        $"Batch margin failed for {Name(index, accountId)} ({cause?.GetType().Name}): {cause?.Message}";
}
