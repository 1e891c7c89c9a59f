using System.Collections.Immutable;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Solvency;

/// <summary>
/// An account as a back-test sees it: an id, the positions it holds on each date, its collateral (held unchanged, in
/// units of each asset) and optionally the member it belongs to. Immutable.
/// </summary>
public sealed record BacktestAccount
{
    /// <summary>Creates the account.</summary>
    /// <param name="id">Account id; not blank.</param>
    /// <param name="positions">The positions on each date.</param>
    /// <param name="collateral">Collateral balances; default none.</param>
    /// <param name="member">Member (a group of accounts) for member-level results; null for none.</param>
    /// <exception cref="ArgumentException">Blank id or member, a null balance, or two balances in one asset.</exception>
    public BacktestAccount(string id, PositionPath positions, IEnumerable<CollateralBalance>? collateral = null, string? member = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(positions);
        ImmutableArray<CollateralBalance> c = [.. collateral ?? []];
        _ = new Account(id, Portfolio.Empty, c); // the account's own checks: no null balance, one balance per asset

        if (member is not null && string.IsNullOrWhiteSpace(member))
        {
            Guard.ThrowArgument($"Back-test account '{id}': the member must be null or non-blank.", nameof(member));
        }

        Id = id;
        Positions = positions;
        Collateral = c;
        Member = member;
    }

    /// <summary>A real-time account back-tested with its current positions held on every date (<see cref="PositionPath.Static"/>) and its collateral.</summary>
    /// <param name="account">The account.</param>
    /// <param name="member">Member; null for none.</param>
    /// <returns>The back-test account.</returns>
    public static BacktestAccount Of(Account account, string? member = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new BacktestAccount(account.Id, PositionPath.Static(account.Positions), account.Collateral, member);
    }

    /// <summary>Account id.</summary>
    public string Id { get; }

    /// <summary>Positions per date.</summary>
    public PositionPath Positions { get; }

    /// <summary>Collateral balances.</summary>
    public ImmutableArray<CollateralBalance> Collateral { get; }

    /// <summary>Member, or null.</summary>
    public string? Member { get; }
}
