using System.Collections.Immutable;

namespace PortfolioMargin.Solvency;

/// <summary>A member (a group of accounts) under one stress scenario. Immutable.</summary>
/// <param name="Member">Member id.</param>
/// <param name="Accounts">Its account ids, in input order.</param>
/// <param name="EquityBefore">Sum of its accounts' equity before the move.</param>
/// <param name="Loss">Sum of its accounts' losses.</param>
/// <param name="UncoveredLoss">Its uncovered loss under the <see cref="MemberLossRule"/> in force.</param>
public sealed record MemberStressOutcome(string Member, ImmutableArray<string> Accounts, double EquityBefore, double Loss, double UncoveredLoss);
