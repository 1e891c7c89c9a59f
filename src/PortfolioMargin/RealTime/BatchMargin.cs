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
public static class BatchMargin
{
    /// <summary>Margins accounts in parallel.</summary>
    /// <param name="accounts">The accounts.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null = every core (<see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="thresholds">Status thresholds.</param>
    /// <returns>One result per account, in input order.</returns>
    /// <exception cref="InvalidOperationException">An account failed; the message names it and the inner exception is the cause (the first failure in input order).</exception>
    public static ImmutableArray<AccountMargin> Calculate(IReadOnlyList<Account> accounts, IMarginModel model, MarketSnapshot market,
        int? maxDegreeOfParallelism = null, AccountThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        return Run(accounts.Count, maxDegreeOfParallelism, i =>
        {
            Account a = accounts[i] ?? throw new ArgumentException($"Account #{i} is null.", nameof(accounts));
            return AccountCalculator.Calculate(a, model, market, thresholds);
        }, i => $"account '{accounts[i]?.Id}' (#{i})");
    }

    /// <summary>Margins books in parallel.</summary>
    /// <param name="portfolios">The books.</param>
    /// <param name="model">The margin model (shared by all threads).</param>
    /// <param name="market">The snapshot.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; null = every core.</param>
    /// <returns>One result per book, in input order.</returns>
    /// <exception cref="InvalidOperationException">A book failed; the message names its index and the inner exception is the cause.</exception>
    public static ImmutableArray<MarginResult> Calculate(IReadOnlyList<Portfolio> portfolios, IMarginModel model, MarketSnapshot market, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(portfolios);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(market);
        return Run(portfolios.Count, maxDegreeOfParallelism, i => model.Calculate(portfolios[i] ?? throw new ArgumentException($"Portfolio #{i} is null.", nameof(portfolios)), market),
            i => $"portfolio #{i}");
    }

    private static ImmutableArray<T> Run<T>(int n, int? maxDegreeOfParallelism, Func<int, T> one, Func<int, string> name)
    {
        if (maxDegreeOfParallelism is { } dop && dop < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), dop, "Degree of parallelism must be at least 1 (or null for every core).");
        }

        int threads = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        var results = new T[n];
        var failures = new ConcurrentBag<(int Index, Exception Error)>();
        void Range(int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                try
                {
                    results[i] = one(i);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or ArithmeticException)
                {
                    failures.Add((i, ex));
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

        if (!failures.IsEmpty)
        {
            (int index, Exception error) = failures.MinBy(f => f.Index);
            throw new InvalidOperationException($"Batch margin failed for {name(index)}: {error.Message}", error);
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(results);
    }
}
