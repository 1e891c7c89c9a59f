namespace PortfolioMargin.Solvency;

/// <summary>How a member's uncovered loss is formed from its accounts'.</summary>
public enum MemberLossRule : byte
{
    /// <summary>
    /// The sum of its accounts' uncovered losses (default): an account's surplus does not cover another account's deficit
    /// (segregated accounts, e.g. clients of a clearing member).
    /// </summary>
    SumOfAccounts = 0,

    /// <summary>
    /// <c>max(0, Σ (loss − equity))</c> over its accounts: the venue may use every account's equity for any of them
    /// (a member's house accounts under one agreement).
    /// </summary>
    Netted = 1,
}
