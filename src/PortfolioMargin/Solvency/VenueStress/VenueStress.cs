using System.Collections.Concurrent;
using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// Venue-wide stress and default resources: every account under every stress scenario (historical, hypothetical or
/// your own), its loss with collateral revalued and haircut under stress, its uncovered loss (bad debt), ranked per
/// scenario; members (groups of accounts); Cover-1 and Cover-2 against a default or insurance fund; and the scenario
/// worst for the fund. Stateless and thread-safe; deterministic (accounts run in parallel, results in input order).
/// </summary>
/// <remarks>
/// <para>Per account and scenario, with <see cref="StressTest.Run(Account, MarketSnapshot, ScenarioSet, IMarginModel, AccountThresholds?, IReadOnlyDictionary{string, Correlation.CorrelationMatrix}?)"/>
/// doing the revaluation: <c>E_before</c> = the account's equity on the base market (<see cref="AccountCalculator"/>);
/// <c>E_after</c> = its equity on the scenario's market with each balance at its stressed haircut
/// (<see cref="VenueStressOptions.StressedHaircuts"/>), positions fully revalued and futures variation included;
/// <c>loss = E_before − E_after</c>; <c>uncovered = max(0, loss − E_before) = max(0, −E_after)</c>.</para>
/// <para>Members: <see cref="MemberLossRule.SumOfAccounts"/> (default) sums the accounts' uncovered losses;
/// <see cref="MemberLossRule.Netted"/> takes <c>max(0, Σ (loss − E_before))</c>. Cover-n = the sum of the n largest
/// uncovered losses (CPMI-IOSCO, <i>Principles for financial market infrastructures</i> (2012), Principle 4; EMIR
/// Art. 43 for CCPs: the default fund covers the default of the member with the largest exposure, or of the second
/// and third largest if greater).</para>
/// </remarks>
public static class VenueStress
{
    /// <summary>Runs the scenarios against every account.</summary>
    /// <param name="accounts">The accounts; at least one, ids unique.</param>
    /// <param name="market">The base snapshot.</param>
    /// <param name="scenarios">The stress scenarios (e.g. <see cref="StressScenarios"/>, <see cref="HistoricalScenarios"/>).</param>
    /// <param name="model">Margin model for the initial margin before and the margin under stress.</param>
    /// <param name="options">Members, stressed haircuts, fund and cover standard; null for <see cref="VenueStressOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">No accounts, a duplicated id, or a bad option.</exception>
    /// <exception cref="InvalidOperationException">An account failed (names it; the inner exception is the cause).</exception>
    public static VenueStressReport Run(IReadOnlyList<Account> accounts, MarketSnapshot market, ScenarioSet scenarios, IMarginModel model, VenueStressOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(model);
        options ??= VenueStressOptions.Default;
        options.Validate();
        CheckAccounts(accounts);
        var outcomes = new AccountStressOutcome[accounts.Count][];
        var failures = new ConcurrentBag<(int Index, Exception Error)>();
        Parallel.For(0, accounts.Count, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? Environment.ProcessorCount }, a =>
        {
            try
            {
                outcomes[a] = StressOne(accounts[a], market, scenarios, model, options);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or KeyNotFoundException or ArithmeticException)
            {
                failures.Add((a, ex));
            }
        });
        if (!failures.IsEmpty)
        {
            (int index, Exception error) = failures.MinBy(f => f.Index);
            throw new InvalidOperationException($"Venue stress failed for account '{accounts[index].Id}' (#{index}): {error.Message}", error);
        }

        var results = ImmutableArray.CreateBuilder<ScenarioSolvency>(scenarios.Count);
        for (int s = 0; s < scenarios.Count; s++)
        {
            results.Add(Solvency(scenarios.Scenarios[s], [.. outcomes.Select(o => o[s])], options));
        }

        return new VenueStressReport(model.Name, options, results.MoveToImmutable());
    }

    private static void CheckAccounts(IReadOnlyList<Account> accounts)
    {
        if (accounts.Count == 0)
        {
            Guard.ThrowArgument("A venue stress needs at least one account.", nameof(accounts));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int a = 0; a < accounts.Count; a++)
        {
            if (accounts[a] is null || !ids.Add(accounts[a].Id))
            {
                Guard.ThrowArgument($"Account #{a} is null or repeats the id '{accounts[a]?.Id}'.", nameof(accounts));
            }
        }
    }

    private static AccountStressOutcome[] StressOne(Account account, MarketSnapshot market, ScenarioSet scenarios, IMarginModel model, VenueStressOptions options)
    {
        AccountMargin before = AccountCalculator.Calculate(account, model, market, options.Thresholds);
        Account stressed = options.StressedHaircuts is { Count: > 0 } h
            ? new Account(account.Id, account.Positions, account.Collateral.Select(b => h.TryGetValue(b.Asset, out double x) ? new CollateralBalance(b.Asset, b.Amount, x) : b))
            : account;
        StressReport report = StressTest.Run(stressed, market, scenarios, model, options.Thresholds, options.CorrelationOverrides);
        string member = options.Members is not null && options.Members.TryGetValue(account.Id, out string? m) ? m : account.Id;
        int n = account.Positions.Count;
        var result = new AccountStressOutcome[scenarios.Count];
        for (int s = 0; s < result.Length; s++)
        {
            StressScenarioResult r = report.Scenarios[s];
            AccountMargin after = r.AccountUnderStress!;
            ImmutableArray<CollateralStress> collateral = [.. before.Collateral.Select((c, i) => new CollateralStress(c.Balance.Asset, c.Balance.Amount, c.Value, after.Collateral[i].Value))];
            ImmutableArray<StressPnl> pnl = [.. Enumerable.Range(0, n).Select(i => new StressPnl(report.PositionLabels[i], r.Scenario.Id, r.PositionPnl[i]))];
            result[s] = new AccountStressOutcome(account.Id, member, before.Equity, after.Equity, before.InitialMargin, before.PositionsValue - after.PositionsValue, collateral, pnl, r);
        }

        return result;
    }

    private static ScenarioSolvency Solvency(Scenario scenario, ImmutableArray<AccountStressOutcome> outcomes, VenueStressOptions options)
    {
        ImmutableArray<AccountStressOutcome> ranked = [.. outcomes.OrderByDescending(o => o.UncoveredLoss).ThenByDescending(o => o.Loss).ThenBy(o => o.AccountId, StringComparer.Ordinal)];
        ImmutableArray<MemberStressOutcome> members = [.. outcomes.GroupBy(o => o.Member, StringComparer.Ordinal).Select(g =>
            {
                double equity = g.Sum(o => o.EquityBefore), loss = g.Sum(o => o.Loss);
                double uncovered = options.MemberLoss == MemberLossRule.Netted ? Math.Max(0.0, loss - equity) : g.Sum(o => o.UncoveredLoss);
                return new MemberStressOutcome(g.Key, [.. g.Select(o => o.AccountId)], equity, loss, uncovered);
            })
            .OrderByDescending(m => m.UncoveredLoss).ThenByDescending(m => m.Loss).ThenBy(m => m.Member, StringComparer.Ordinal)];
        DefaultCover Cover(CoverStandard standard, DefaulterLevel level)
        {
            IEnumerable<(string Name, double Uncovered)> top = level == DefaulterLevel.Account
                ? ranked.Take((int)standard).Select(o => (o.AccountId, o.UncoveredLoss))
                : members.Take((int)standard).Select(m => (m.Member, m.UncoveredLoss));
            var list = top.ToList();
            return new DefaultCover(standard, level, list.Sum(x => x.Uncovered), [.. list.Where(x => x.Uncovered > 0).Select(x => x.Name)]);
        }

        DefaultCover c1a = Cover(CoverStandard.Cover1, DefaulterLevel.Account), c2a = Cover(CoverStandard.Cover2, DefaulterLevel.Account);
        DefaultCover c1m = Cover(CoverStandard.Cover1, DefaulterLevel.Member), c2m = Cover(CoverStandard.Cover2, DefaulterLevel.Member);
        DefaultCover required = (options.Standard, options.Level) switch
        {
            (CoverStandard.Cover1, DefaulterLevel.Account) => c1a,
            (CoverStandard.Cover2, DefaulterLevel.Account) => c2a,
            (CoverStandard.Cover1, _) => c1m,
            _ => c2m,
        };
        return new ScenarioSolvency(scenario, ranked, members, c1a, c2a, c1m, c2m, required, options.DefaultFund);
    }
}
