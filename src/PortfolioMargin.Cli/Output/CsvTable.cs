using System.Globalization;

namespace PortfolioMargin.Cli.Output;

/// <summary>
/// Writes one CSV table: RFC 4180 quoting (a field holding a comma, quote or line break is quoted, quotes doubled),
/// numbers in the invariant culture in their shortest round-trip form, lines ending with <c>\n</c>, an empty field for
/// an absent value.
/// </summary>
/// <param name="writer">Where to.</param>
internal sealed class CsvTable(TextWriter writer)
{
    /// <summary>Writes the header row.</summary>
    public void Header(params string[] columns) => Row(columns);

    /// <summary>Writes one row; strings are quoted when needed, doubles written round-trip, null as an empty field.</summary>
    public void Row(params object?[] fields)
    {
        writer.Write(string.Join(',', fields.Select(Field)));
        writer.Write('\n');
    }

    private static string Field(object? value) => value switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => Quote(s),
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
