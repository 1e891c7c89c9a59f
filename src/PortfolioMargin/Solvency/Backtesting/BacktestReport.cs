using System.Collections.Immutable;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The outcome of a margin back-test: the model and market it ran on, the parameters, and a series per account, per
/// member and for the whole set of accounts (margins and losses summed per date). Immutable.
/// </summary>
/// <param name="Model">The model (or model schedule) name.</param>
/// <param name="Market">What the market was made of, including where the vols came from.</param>
/// <param name="Options">The back-test parameters.</param>
/// <param name="Accounts">One series per account, in input order.</param>
/// <param name="Members">One series per member (accounts summed), in order of first appearance; empty when no account names a member.</param>
/// <param name="Set">All accounts summed per date.</param>
public sealed record BacktestReport(string Model, string Market, BacktestOptions Options, ImmutableArray<BacktestSeries> Accounts,
    ImmutableArray<BacktestSeries> Members, BacktestSeries Set)
{
    /// <summary>The series of account <paramref name="id"/>.</summary>
    /// <param name="id">Account id.</param>
    /// <returns>The series.</returns>
    /// <exception cref="KeyNotFoundException">No such account.</exception>
    public BacktestSeries Account(string id) =>
        Accounts.FirstOrDefault(a => a.Id == id) ?? throw new KeyNotFoundException($"The back-test has no account '{id}'.");
}
