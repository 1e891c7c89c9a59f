using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Solvency;

/// <summary>
/// Back-tests any margin model against realised losses: on every date the model margins each account on that date's
/// market, and the account's equity change over the margin period of risk, with the date's positions and collateral
/// held, is the realised loss. Stateless and thread-safe; dates run in parallel, results do not depend on it.
/// </summary>
/// <remarks>
/// <para><b>Per account and date <c>t</c></b> (window end <c>e = t + h</c> calendar days): positions <c>P_t</c> from the
/// account's <see cref="PositionPath"/>; margin <c>M_t</c> = the model's initial (or maintenance) margin of the account
/// on the market of <c>t</c> (<see cref="AccountCalculator"/>: positions plus coin collateral rows); loss
/// <c>L_t = E_t − E_e</c> with <c>E</c> the account's equity (collateral at haircut value, options and spot marked,
/// futures variation from <c>t</c> to <c>e</c>), <c>P_t</c> and the collateral unchanged, valued on the market of
/// <c>e</c>. A breach is <c>L_t &gt; M_t</c>; the shortfall is <c>max(0, L_t − M_t)</c>.</para>
/// <para><b>Member and set</b> series sum the accounts' margins and losses per date (each account margined on its
/// own, as a venue collects it).</para>
/// <para><b>Gaps.</b> A date whose window end is not a date of the market (a gap in the history) has no observation
/// and is listed in <see cref="BacktestSeries.Skipped"/>; a window that spans a gap but ends on a date is observed
/// (only its two ends are valued). Dates whose window ends after the last date are outside the back-test.</para>
/// <para><b>Range.</b> From the first date the market and the model schedule can margin (and
/// <see cref="BacktestOptions.From"/>) to <see cref="BacktestOptions.To"/>.</para>
/// <para>A position that expires inside a loss window is an error naming it: back-test dated instruments with a
/// path that rolls them (<see cref="PositionPath.Restruck"/>).</para>
/// </remarks>
public static class MarginBacktest
{
    /// <summary>Back-tests one model on every date.</summary>
    /// <param name="accounts">The accounts; at least one, ids unique.</param>
    /// <param name="market">The market path.</param>
    /// <param name="model">Any margin model.</param>
    /// <param name="options">Parameters; null for <see cref="BacktestOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">No accounts, a duplicated id, or no date to observe.</exception>
    /// <exception cref="InvalidOperationException">An account could not be margined or valued on a date (names the account and date; the inner exception is the cause).</exception>
    public static BacktestReport Run(IReadOnlyList<BacktestAccount> accounts, IBacktestMarket market, IMarginModel model, BacktestOptions? options = null) =>
        Run(accounts, market, MarginModelSchedule.Fixed(Guard.NotNull(model)), options);

    /// <summary>Back-tests a model schedule (a model per date).</summary>
    /// <param name="accounts">The accounts; at least one, ids unique.</param>
    /// <param name="market">The market path.</param>
    /// <param name="schedule">The model in force on each date.</param>
    /// <param name="options">Parameters; null for <see cref="BacktestOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">No accounts, a duplicated id, or no date to observe.</exception>
    /// <exception cref="InvalidOperationException">An account could not be margined or valued on a date (names the account and date; the inner exception is the cause).</exception>
    public static BacktestReport Run(IReadOnlyList<BacktestAccount> accounts, IBacktestMarket market, MarginModelSchedule schedule, BacktestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= BacktestOptions.Default;
        options.Validate();
        CheckAccounts(accounts);
        (List<(int Start, int End)> windows, ImmutableArray<SkippedDate> skipped) = Windows(market, schedule, options);
        var results = new BacktestObservation[accounts.Count, windows.Count];
        var failures = new ConcurrentBag<(int Window, int Account, Exception Error)>();
        Parallel.For(0, windows.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount }, w =>
        {
            (int start, int end) = windows[w];
            var day = new BacktestDay(start, market.Dates[start], market);
            IMarginModel? model = null;
            for (int a = 0; a < accounts.Count; a++)
            {
                try
                {
                    model ??= schedule.ModelOn(day);
                    results[a, w] = Observe(accounts[a], market, model, start, end, options.Basis);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or ArithmeticException)
                {
                    failures.Add((w, a, ex));
                    return;
                }
            }
        });
        if (!failures.IsEmpty)
        {
            (int w, int a, Exception error) = failures.OrderBy(f => f.Window).ThenBy(f => f.Account).First();
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Back-test of '{schedule.Name}' failed for account '{accounts[a].Id}' on {market.Dates[windows[w].Start]:yyyy-MM-dd}: {error.Message}"), error);
        }

        return Report(accounts, market, schedule, options, results, skipped);
    }

    private static void CheckAccounts(IReadOnlyList<BacktestAccount> accounts)
    {
        if (accounts.Count == 0)
        {
            Guard.ThrowArgument("A back-test needs at least one account.", nameof(accounts));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < accounts.Count; a++)
        {
            if (accounts[a] is null || !ids.Add(accounts[a].Id))
            {
                Guard.ThrowArgument($"Back-test account #{a} is null or repeats the id '{accounts[a]?.Id}'.", nameof(accounts));
            }
        }
    }

    /// <summary>The (start, end) index pairs observed, and the dates skipped because their window ends on a gap.</summary>
    private static (List<(int, int)> Windows, ImmutableArray<SkippedDate> Skipped) Windows(IBacktestMarket market, MarginModelSchedule schedule, BacktestOptions options)
    {
        ImmutableArray<DateOnly> dates = market.Dates;
        int first = Math.Max(market.FirstUsableIndex, schedule.FirstUsableIndex(market));
        var windows = new List<(int, int)>();
        var skipped = ImmutableArray.CreateBuilder<SkippedDate>();
        for (int i = Math.Max(first, 0); i < dates.Length; i++)
        {
            DateOnly date = dates[i], end = date.AddDays(options.HorizonDays);
            if ((options.From is { } from && date < from) || (options.To is { } to && date > to))
            {
                continue;
            }

            if (end > dates[^1])
            {
                break;
            }

            int j = dates.BinarySearch(end);
            if (j < 0)
            {
                skipped.Add(new SkippedDate(date, string.Create(CultureInfo.InvariantCulture,
                    $"the loss window ends on {end:yyyy-MM-dd}, which the market lacks (a gap in the history)")));
                continue;
            }

            windows.Add((i, j));
        }

        if (windows.Count == 0)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Back-test of '{schedule.Name}': no date to observe between {dates[Math.Min(first, dates.Length - 1)]:yyyy-MM-dd} and {dates[^1]:yyyy-MM-dd} with a {options.HorizonDays}-day window"
                + $"{(options.From is null && options.To is null ? "" : " in the requested range")}."), nameof(market));
        }

        return (windows, skipped.ToImmutable());
    }

    private static BacktestObservation Observe(BacktestAccount account, IBacktestMarket market, IMarginModel model, int start, int end, MarginBasis basis)
    {
        DateOnly date = market.Dates[start];
        Portfolio positions = account.Positions.At(date, market.Snapshot(start, Portfolio.Empty));
        var held = new Account(account.Id, positions, account.Collateral);
        MarketSnapshot m0 = market.Snapshot(start, positions);
        AccountMargin before = AccountCalculator.Calculate(held, model, m0);
        MarketSnapshot m1 = market.Snapshot(end, positions);
        foreach (Position p in positions)
        {
            if (p.Instrument.Expiry is { } e && e < m1.ValuationTime)
            {
                Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                    $"'{p.Instrument.Name}' expires at {e:yyyy-MM-dd HH:mm}, inside the loss window {date:yyyy-MM-dd}..{market.Dates[end]:yyyy-MM-dd}; back-test dated instruments with a path that rolls them (PositionPath.Restruck or PositionPath.Dated)."),
                    nameof(account));
            }
        }

        AccountMargin after = AccountCalculator.CalculateWith(held, NoMargin, m1, null, markedFrom: m0);
        double margin = basis == MarginBasis.Initial ? before.InitialMargin : before.MaintenanceMargin;
        return new BacktestObservation(date, market.Dates[end], margin, before.Equity - after.Equity);
    }

    /// <summary>A zero margin: the loss side of an observation needs only the account's equity.</summary>
    private static MarginResult NoMargin(ResolvedPortfolio portfolio) =>
        new("equity only", portfolio.Market.ReportCurrency, 0, 0, MarginNode.Leaf("equity only", 0, 0), [], [], []);

    private static BacktestReport Report(IReadOnlyList<BacktestAccount> accounts, IBacktestMarket market, MarginModelSchedule schedule, BacktestOptions options,
        BacktestObservation[,] results, ImmutableArray<SkippedDate> skipped)
    {
        int windows = results.GetLength(1);
        double p = 1 - options.Coverage;
        var series = ImmutableArray.CreateBuilder<BacktestSeries>(accounts.Count);
        for (int a = 0; a < accounts.Count; a++)
        {
            series.Add(new BacktestSeries(accounts[a].Id, accounts[a].Positions.Description, [.. Enumerable.Range(0, windows).Select(w => results[a, w])], skipped, p));
        }

        BacktestSeries Sum(string id, string description, IReadOnlyList<int> members) =>
            new(id, description, [.. Enumerable.Range(0, windows).Select(w =>
            {
                double margin = 0, loss = 0;
                foreach (int a in members)
                {
                    margin += results[a, w].Margin;
                    loss += results[a, w].Loss;
                }

                return new BacktestObservation(results[0, w].Date, results[0, w].End, margin, loss);
            })], skipped, p);

        var groups = accounts.Select((acc, a) => (acc.Member, a)).Where(x => x.Member is not null).GroupBy(x => x.Member!, StringComparer.Ordinal);
        ImmutableArray<BacktestSeries> members = [.. groups.Select(g => Sum(g.Key, $"member {g.Key}: accounts {string.Join(", ", g.Select(x => accounts[x.a].Id))}", [.. g.Select(x => x.a)]))];
        BacktestSeries set = Sum("set", string.Create(CultureInfo.InvariantCulture, $"all {accounts.Count} accounts"), [.. Enumerable.Range(0, accounts.Count)]);
        return new BacktestReport(schedule.Name, market.Description, options, series.MoveToImmutable(), members, set);
    }
}
