using System.Collections.Immutable;

namespace PortfolioMargin.RealTime;

/// <summary>The outcome of one account or book of a batch: its result, or the error that names it. A value type (one array per batch).</summary>
/// <typeparam name="T">The result type (<see cref="AccountMargin"/> or <see cref="Models.MarginResult"/>).</typeparam>
/// <param name="Index">Index of the item in the batch's input.</param>
/// <param name="Result">The result; null when the item failed.</param>
/// <param name="Error">The failure (naming the item, the cause inside); null when the item succeeded.</param>
public readonly record struct BatchOutcome<T>(int Index, T? Result, BatchMarginException? Error)
    where T : class
{
    /// <summary>True when the item has a result.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>Every item's outcome of a batch, in input order: the good accounts or books come back even when others fail. Immutable.</summary>
/// <typeparam name="T">The result type.</typeparam>
public sealed class BatchResult<T>
    where T : class
{
    internal BatchResult(ImmutableArray<BatchOutcome<T>> outcomes, int failures)
    {
        Outcomes = outcomes;
        FailureCount = failures;
    }

    /// <summary>One outcome per item, in input order.</summary>
    public ImmutableArray<BatchOutcome<T>> Outcomes { get; }

    /// <summary>How many items failed.</summary>
    public int FailureCount { get; }

    /// <summary>True when every item has a result.</summary>
    public bool AllSucceeded => FailureCount == 0;

    /// <summary>The failures, in input order (each names its item; the cause is its inner exception).</summary>
    public ImmutableArray<BatchMarginException> Failures => [.. Outcomes.Where(o => o.Error is not null).Select(o => o.Error!)];

    /// <summary>The results of the items that succeeded, in input order.</summary>
    public IEnumerable<T> Results => Outcomes.Where(o => o.Error is null).Select(o => o.Result!);

    /// <summary>Every result in input order, or the first failure in input order thrown.</summary>
    /// <returns>One result per item.</returns>
    /// <exception cref="BatchMarginException">An item failed (the first in input order).</exception>
    public ImmutableArray<T> GetResultsOrThrow()
    {
        var results = new T[Outcomes.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = Outcomes[i].Error is { } error ? throw error : Outcomes[i].Result!;
        }

        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(results);
    }
}
