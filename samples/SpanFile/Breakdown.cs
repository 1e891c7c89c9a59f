using PortfolioMargin.Models;

namespace SpanFileSample;

/// <summary>Prints a margin breakdown tree, leaving out items that are zero in both maintenance and initial margin.</summary>
internal static class Breakdown
{
    public static void Print(MarginNode node, int depth)
    {
        string name = (new string(' ', 2 * depth) + node.Name).PadRight(34);
        Console.WriteLine($"{name} MM {node.Maintenance,10:N2}  IM {node.Initial,10:N2}{(node.Note is null ? string.Empty : "  " + node.Note)}");
        foreach (MarginNode child in node.Children)
        {
            if (child.Maintenance != 0 || child.Initial != 0 || child.Children.Any(c => c.Maintenance != 0 || c.Initial != 0))
            {
                Print(child, depth + 1);
            }
        }
    }
}
