namespace PortfolioMargin.Models;

/// <summary>
/// The short option minimum's count and the sides it charges — shared by the grid and SPAN-file models (spec §6.2.4,
/// span-xml §3.5). Options are netted per contract first; the counts are net short units.
/// </summary>
internal static class ShortOptionMinimum
{
    /// <summary>Short options counted: <c>max(short calls, short puts)</c>, or their sum for <see cref="ShortOptionMinimumMethod.Gross"/>.</summary>
    public static double Count(double shortCalls, double shortPuts, ShortOptionMinimumMethod method) =>
        method == ShortOptionMinimumMethod.Gross ? shortCalls + shortPuts : Math.Max(shortCalls, shortPuts);

    /// <summary>Which sides carry the charge (for attribution): both when gross, else the larger side (calls on a tie).</summary>
    public static (bool Calls, bool Puts) ChargedSides(double shortCalls, double shortPuts, ShortOptionMinimumMethod method) =>
        (method == ShortOptionMinimumMethod.Gross || shortCalls >= shortPuts, method == ShortOptionMinimumMethod.Gross || shortPuts > shortCalls);

    /// <summary>The risk requirement before add-ons: <c>max(scan + charges − credit, SOM)</c>, and whether the SOM binds.</summary>
    public static double Requirement(double scanPart, double som, out bool somBinds)
    {
        somBinds = som > scanPart;
        return Math.Max(scanPart, som);
    }
}
