using System.Globalization;

namespace QuickStart;

/// <summary>Prints a plain-text table with right-aligned numeric columns.</summary>
internal static class Table
{
    public static string Num(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    public static string Pct(double value) => value.ToString("P1", CultureInfo.InvariantCulture);

    public static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('=', Math.Min(title.Length, 110)));
    }

    public static void Print(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        int[] width = header.Select((h, i) => Math.Max(h.Length, all.Count == 0 ? 0 : all.Max(r => r[i].Length))).ToArray();
        Console.WriteLine(string.Join("  ", header.Select((h, i) => i == 0 ? h.PadRight(width[i]) : h.PadLeft(width[i]))));
        Console.WriteLine(string.Join("  ", width.Select(w => new string('-', w))));
        foreach (string[] r in all)
        {
            Console.WriteLine(string.Join("  ", r.Select((c, i) => i == 0 ? c.PadRight(width[i]) : c.PadLeft(width[i]))));
        }
    }
}
