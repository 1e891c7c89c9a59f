using System.Collections.Immutable;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The market a back-test walks through: its dates and, for any date and set of positions, a snapshot that values
/// them. Implement it to back-test on market data of your own (vol surfaces, forwards, rates per date);
/// <see cref="HistoricalMarket"/> builds it from a price history. Implementations must be immutable and thread-safe.
/// </summary>
public interface IBacktestMarket
{
    /// <summary>The dates with a market, strictly ascending.</summary>
    ImmutableArray<DateOnly> Dates { get; }

    /// <summary>Index of the first date that has a complete market (e.g. after a vol estimator's seed).</summary>
    int FirstUsableIndex { get; }

    /// <summary>What the market is made of, stated in reports (source of prices, forwards, vols and rates).</summary>
    string Description { get; }

    /// <summary>
    /// The snapshot on <c>Dates[index]</c>: every underlying's spot, and whatever <paramref name="positions"/> need
    /// (forwards of their expiries, vols, rates). Called with an empty portfolio for the spots alone.
    /// </summary>
    /// <param name="index">Index into <see cref="Dates"/>, ≥ <see cref="FirstUsableIndex"/>.</param>
    /// <param name="positions">The positions to be valued.</param>
    /// <returns>The snapshot.</returns>
    MarketSnapshot Snapshot(int index, Portfolio positions);
}
