using System.Globalization;

namespace PortfolioMargin.Cli.Output;

/// <summary>
/// A plain-text table: a header, a rule, then rows; the first column left-aligned, the columns named in
/// <c>leftAligned</c> too, every other column right-aligned (numbers). Columns are two spaces apart.
/// </summary>
internal static class TextTable
{
    /// <summary>Writes the table.</summary>
    /// <param name="writer">Where to.</param>
    /// <param name="header">Column titles.</param>
    /// <param name="rows">Cells, one array per row, as many as <paramref name="header"/>.</param>
    /// <param name="leftAligned">Indices of further left-aligned (text) columns.</param>
    public static void Write(TextWriter writer, IReadOnlyList<string> header, IEnumerable<string[]> rows, params int[] leftAligned)
    {
        List<string[]> all = [.. rows];
        int[] width = [.. header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length)))];
        bool Left(int i) => i == 0 || leftAligned.Contains(i);
        string Line(IReadOnlyList<string> cells) =>
            string.Join("  ", cells.Select((c, i) => Left(i) ? c.PadRight(width[i]) : c.PadLeft(width[i]))).TrimEnd();
        writer.WriteLine(Line(header));
        writer.WriteLine(string.Join("  ", width.Select(w => new string('-', w))));
        foreach (string[] r in all)
        {
            writer.WriteLine(Line(r));
        }
    }

    /// <summary>A section title followed by a rule of its length.</summary>
    public static void Section(TextWriter writer, string title)
    {
        writer.WriteLine();
        writer.WriteLine(title);
        writer.WriteLine(new string('=', Math.Min(title.Length, 100)));
    }

    /// <summary>An amount with thousands separators and <paramref name="decimals"/> decimals (invariant culture); a rounding residue prints as 0, not -0.</summary>
    public static string Amount(double value, int decimals = 2)
    {
        string text = value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text.AsSpan(1).IndexOfAnyExcept("0.,") < 0 ? text[1..] : text;
    }

    /// <summary>A plain number in the shortest round-trip form (quantities, multipliers).</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal, e.g. <c>42.5 %</c>.</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "n/a";
}
