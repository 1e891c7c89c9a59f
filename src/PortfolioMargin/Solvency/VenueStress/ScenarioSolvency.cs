using System.Collections.Immutable;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The venue under one stress scenario: every account and member ranked by uncovered loss, the totals, Cover-1 and
/// Cover-2 by account and by member, and the fund against the required cover. Immutable.
/// </summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Accounts">Every account, ranked: uncovered loss descending, then loss descending, then id (ordinal).</param>
/// <param name="Members">Every member, ranked the same way.</param>
/// <param name="Cover1ByAccount">Largest account uncovered loss.</param>
/// <param name="Cover2ByAccount">Two largest account uncovered losses.</param>
/// <param name="Cover1ByMember">Largest member uncovered loss.</param>
/// <param name="Cover2ByMember">Two largest member uncovered losses.</param>
/// <param name="Required">The cover the options ask for (standard and level).</param>
/// <param name="DefaultFund">The fund held against it.</param>
public sealed record ScenarioSolvency(Scenario Scenario, ImmutableArray<AccountStressOutcome> Accounts, ImmutableArray<MemberStressOutcome> Members,
    DefaultCover Cover1ByAccount, DefaultCover Cover2ByAccount, DefaultCover Cover1ByMember, DefaultCover Cover2ByMember, DefaultCover Required, double DefaultFund)
{
    /// <summary>Sum of the accounts' losses.</summary>
    public double TotalLoss => Accounts.Sum(a => a.Loss);

    /// <summary>Sum of the accounts' uncovered losses (every account defaulting).</summary>
    public double TotalUncoveredLoss => Accounts.Sum(a => a.UncoveredLoss);

    /// <summary><c>DefaultFund − Required.Amount</c>: negative when the fund falls short.</summary>
    public double FundSurplus => DefaultFund - Required.Amount;

    /// <summary>True when the fund covers the required cover.</summary>
    public bool FundSufficient => FundSurplus >= 0;
}
