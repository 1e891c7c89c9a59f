using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// Margins many independent accounts or books in parallel on every core (range partitions over
/// <see cref="Parallel.ForEach{TSource}(OrderablePartitioner{TSource}, ParallelOptions, Action{TSource, ParallelLoopState, long})"/>),
/// results in input order. The model and snapshot are shared (both immutable and thread-safe). Stateless.
/// </summary>
/// <remarks>
/// <para>A failing item never escapes as an exception that names nothing: whatever the cause (a model's
/// <see cref="NotSupportedException"/>, missing market data, an input the model refuses), it becomes a
/// <see cref="BatchMarginException"/> naming the account (id and index) or book (index), with the cause inside.</para>
/// <para><see cref="CalculateEach(IReadOnlyList{Account}, IMarginModel, MarketSnapshot, BatchOptions?, AccountThresholds?)"/>
/// returns every item's outcome, so the good accounts come back when others fail; <see cref="BatchOptions.FailFast"/>
/// stops at the first failure instead. <c>Calculate</c> is all or nothing and fails fast.</para>
/// </remarks>
public static class BatchMargin
{
    /// <summary>Margins accounts in parallel, all or nothing: stops at the first failure and throws it.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null = every core (<see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="thresholds">Status thresholds.</param>
    /// <returns>One result per account, in input order.</returns>
    /// <exception cref="BatchMarginException">An account failed: the message names it and the inner exception is the cause (of the failures
    /// seen before the batch stopped, the first in input order; with one thread, the first failing account).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is less than 1.</exception>
    public static ImmutableArray<AccountMargin> Calculate(IReadOnlyList<Account> accounts, IMarginModel model, MarketSnapshot market,
        int? maxDegreeOfParallelism = null, AccountThresholds? thresholds = null) =>
        Accounts(accounts, model, market, Options(maxDegreeOfParallelism, failFast: true), thresholds).GetResultsOrThrow();

    /// <summary>Margins books in parallel, all or nothing: stops at the first failure and throws it.</summary>
    /// <param name="portfolios">The books.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null = every core.</param>
    /// <returns>One result per book, in input order.</returns>
    /// <exception cref="BatchMarginException">A book failed: the message names its index and the inner exception is the cause.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is less than 1.</exception>
    public static ImmutableArray<MarginResult> Calculate(IReadOnlyList<Portfolio> portfolios, IMarginModel model, MarketSnapshot market, int? maxDegreeOfParallelism = null) =>
        Books(portfolios, model, market, Options(maxDegreeOfParallelism, failFast: true)).GetResultsOrThrow();

    /// <summary>Margins accounts in parallel and returns every account's outcome: its result, or the error naming it.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="options">Threads and fail-fast; null for <see cref="BatchOptions.Default"/> (every core, every outcome).</param>
    /// <param name="thresholds">Status thresholds.</param>
    /// <returns>One outcome per account, in input order.</returns>
    /// <exception cref="BatchMarginException">Only with <see cref="BatchOptions.FailFast"/>: an account failed (as for <c>Calculate</c>).</exception>
    public static BatchResult<AccountMargin> CalculateEach(IReadOnlyList<Account> accounts, IMarginModel model, MarketSnapshot market,
        BatchOptions? options = null, AccountThresholds? thresholds = null)
        => Accounts(accounts, model, market, options ?? BatchOptions.Default, thresholds);

    /// <summary>Margins books in parallel and returns every book's outcome: its result, or the error naming it.</summary>
    /// <param name="portfolios">The books.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="options">Threads and fail-fast; null for <see cref="BatchOptions.Default"/>.</param>
    /// <returns>One outcome per book, in input order.</returns>
    /// <exception cref="BatchMarginException">Only with <see cref="BatchOptions.FailFast"/>: a book failed.</exception>
    public static BatchResult<MarginResult> CalculateEach(IReadOnlyList<Portfolio> portfolios, IMarginModel model, MarketSnapshot market, BatchOptions? options = null)
        => Books(portfolios, model, market, options ?? BatchOptions.Default);

    private static BatchOptions Options(int? maxDegreeOfParallelism, bool failFast) =>
        maxDegreeOfParallelism is { } dop && dop < 1
            ? throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), dop, "Degree of parallelism must be at least 1 (or null for every core).")
            : new BatchOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, FailFast = failFast };

    private static BatchResult<AccountMargin> Accounts(IReadOnlyList<Account> accounts, IMarginModel model, MarketSnapshot market, BatchOptions options, AccountThresholds? thresholds)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        return Run(accounts.Count, options, i =>
        {
            Account a = accounts[i] ?? throw new ArgumentException($"Account #{i} is null.", nameof(accounts));
            return AccountCalculator.Calculate(a, model, market, thresholds);
        }, i => accounts[i]?.Id ?? "(null)");
    }

    private static BatchResult<MarginResult> Books(IReadOnlyList<Portfolio> portfolios, IMarginModel model, MarketSnapshot market, BatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(portfolios);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        return Run(portfolios.Count, options, i => model.Calculate(portfolios[i] ?? throw new ArgumentException($"Portfolio #{i} is null.", nameof(portfolios)), market),
            accountId: null);
    }

    /// <summary>Runs <paramref name="one"/> for every index; a failure becomes the item's <see cref="BatchMarginException"/> (and, failing fast, stops new items).</summary>
    private static BatchResult<T> Run<T>(int n, BatchOptions options, Func<int, T> one, Func<int, string>? accountId)
        where T : class
    {
        int threads = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount;
        bool failFast = options.FailFast;
        var outcomes = new BatchOutcome<T>[n];
        int failures = 0;
        void Range(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (failFast && Volatile.Read(ref failures) != 0)
                {
                    return;
                }

                try
                {
                    outcomes[i] = new BatchOutcome<T>(i, one(i), null);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Any cause, named: a model's NotSupportedException must not leave as an AggregateException naming no item.
                    outcomes[i] = new BatchOutcome<T>(i, null, new BatchMarginException(i, accountId?.Invoke(i), ex));
                    Interlocked.Increment(ref failures);
                }
            }
        }

        if (threads == 1 || n <= 1)
        {
            Range(0, n);
        }
        else
        {
            // Ranges of ~n / (8·threads) items: few hand-offs, and enough pieces to even out accounts of different sizes.
            int chunk = Math.Max(1, n / (8 * threads));
            Parallel.ForEach(Partitioner.Create(0, n, chunk), new ParallelOptions { MaxDegreeOfParallelism = threads }, range => Range(range.Item1, range.Item2));
        }

        if (failFast && failures > 0)
        {
            // Items never started have no outcome: report the first failure in input order.
            BatchMarginException first = outcomes.First(o => o.Error is not null).Error!;
            throw first;
        }

        return new BatchResult<T>(ImmutableCollectionsMarshal.AsImmutableArray(outcomes), failures);
    }
}
