using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Serialization;

namespace PortfolioMargin.Cli.Inputs;

/// <summary>
/// Reads an order given inline: <c>key=value</c> pairs separated by commas, the keys being the positions-CSV columns
/// (<c>kind</c>, <c>underlying</c>, <c>expiry</c>, <c>strike</c>, <c>right</c>, <c>settlement</c>, <c>multiplier</c>,
/// <c>quantity</c>, <c>name</c>), e.g. <c>kind=option,underlying=BTC,expiry=2027-03-26T08:00:00Z,strike=110000,right=call,settlement=inverse,quantity=-2</c>.
/// The pairs become one positions-CSV row read by <see cref="PositionCsv"/>, so an inline order is validated exactly
/// like a row of a file.
/// </summary>
internal static class OrderParser
{
    private static readonly string[] Columns = PositionCsv.Header.Split(',');

    /// <summary>Parses one inline order.</summary>
    /// <param name="text">The <c>--order</c> value.</param>
    /// <param name="underlyings">The market snapshot's underlyings, by symbol.</param>
    /// <returns>The position to add.</returns>
    /// <exception cref="CliInputException">A pair without <c>=</c>, an unknown or repeated key, or a value the CSV reader rejects (named).</exception>
    public static Position Parse(string text, IReadOnlyDictionary<string, Underlying> underlyings)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || pair.IndexOf('=', eq + 1) >= 0)
            {
                throw Bad(text, $"'{pair}' is not key=value (pairs are separated by commas).");
            }

            string key = pair[..eq].Trim();
            if (!Columns.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw Bad(text, $"unknown key '{key}'; expected {string.Join(", ", Columns)}.");
            }

            if (!fields.TryAdd(key, pair[(eq + 1)..].Trim()))
            {
                throw Bad(text, $"key '{key}' is given twice.");
            }
        }

        string header = string.Join(',', fields.Keys.Select(k => k.ToLowerInvariant()));
        string row = string.Join(',', fields.Values.Select(Quote));
        try
        {
            Portfolio order = PositionCsv.Read(new StringReader(header + "\n" + row + "\n"), underlyings);
            return order.Count == 1 ? order[0] : throw Bad(text, "expected one position.");
        }
        catch (MarginFileException e)
        {
            throw new CliInputException($"--order '{text}': {e.Problem}{(e.Path is null ? "" : $" (key '{e.Path}')")}", e);
        }
    }

    private static CliInputException Bad(string text, string problem) => new($"--order '{text}': {problem}");

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
