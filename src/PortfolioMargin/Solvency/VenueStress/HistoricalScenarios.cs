using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.MarketData;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// Historical stress scenarios replayed from a price history: each underlying moves by its realised relative change
/// <c>close(to)/close(from) − 1</c> over a window. Scenarios built here have weight 1, no time shift, and an optional
/// vol move for every underlying.
/// </summary>
public static class HistoricalScenarios
{
    /// <summary>The scenario replaying the window <paramref name="from"/> → <paramref name="to"/>.</summary>
    /// <param name="history">The price history.</param>
    /// <param name="from">Start date (a date of the history).</param>
    /// <param name="to">End date (a later date of the history).</param>
    /// <param name="volMove">Relative vol move applied to every underlying (e.g. 0.5 = vols up 50 %); default 0.</param>
    /// <param name="id">Scenario id; null for <c>HIST-{to:yyyy-MM-dd}-{days}D</c>.</param>
    /// <returns>The scenario, named with its dates and moves.</returns>
    /// <exception cref="ArgumentException">A date is not in the history, or <paramref name="to"/> is not after <paramref name="from"/>.</exception>
    public static Scenario Window(PriceHistory history, DateOnly from, DateOnly to, double volMove = 0, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        int i = history.IndexOf(from), j = history.IndexOf(to);
        if (i < 0 || j < 0 || j <= i)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Historical scenario {from:yyyy-MM-dd} -> {to:yyyy-MM-dd}: both dates must be in the history ({history}) and the end after the start."), nameof(to));
        }

        return Build(history, i, j, volMove, id);
    }

    /// <summary>
    /// The <paramref name="count"/> worst non-overlapping windows of <paramref name="days"/> calendar days, ranked by the
    /// equally weighted mean move of the history's underlyings (falls or rises), most severe first.
    /// </summary>
    /// <param name="history">The price history.</param>
    /// <param name="days">Window length in calendar days, in [1, 365].</param>
    /// <param name="count">Number of scenarios, in [1, 100].</param>
    /// <param name="direction">Falls (default) or rises.</param>
    /// <param name="volMove">Relative vol move for every underlying; default 0.</param>
    /// <returns>The scenarios (fewer when the history has fewer disjoint windows).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public static ImmutableArray<Scenario> Worst(PriceHistory history, int days, int count, MoveDirection direction = MoveDirection.Falls, double volMove = 0)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (days is < 1 or > 365 || count is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(days), $"Window days must be 1 to 365 and count 1 to 100, got {days} and {count}.");
        }

        var windows = new List<(int From, int To, double Move)>();
        for (int i = 0; i < history.Count; i++)
        {
            int j = history.IndexOf(history.Dates[i].AddDays(days));
            if (j > i)
            {
                double mean = history.Symbols.Average(s => (history.Close(s, j) / history.Close(s, i)) - 1);
                windows.Add((i, j, direction == MoveDirection.Falls ? mean : -mean));
            }
        }

        var chosen = new List<(int From, int To)>();
        foreach ((int from, int to, _) in windows.OrderBy(w => w.Move).ThenBy(w => w.From))
        {
            if (chosen.Count < count && chosen.All(c => to <= c.From || from >= c.To))
            {
                chosen.Add((from, to));
            }
        }

        return [.. chosen.Select(c => Build(history, c.From, c.To, volMove, null))];
    }

    private static Scenario Build(PriceHistory history, int i, int j, double volMove, string? id)
    {
        DateOnly from = history.Dates[i], to = history.Dates[j];
        int days = to.DayNumber - from.DayNumber;
        var moves = history.Symbols.ToDictionary(s => s, s => (history.Close(s, j) / history.Close(s, i)) - 1, StringComparer.Ordinal);
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{from:yyyy-MM-dd} -> {to:yyyy-MM-dd} replayed: {string.Join(", ", moves.Select(m => $"{m.Key} {m.Value:+0.0%;-0.0%}"))}{(volMove != 0 ? $", vols {volMove:+0%;-0%}" : "")}");
        return StressScenarios.Create(id ?? string.Create(CultureInfo.InvariantCulture, $"HIST-{to:yyyy-MM-dd}-{days}D"), name, moves, volMove);
    }
}
