using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

/// <summary>
/// One node of a margin breakdown tree: a named amount (maintenance and initial, in the result currency) that is the
/// sum, or a documented combination, of its children. Immutable.
/// </summary>
/// <param name="Name">What the amount is, e.g. <c>BTC/scan risk</c>.</param>
/// <param name="Maintenance">Maintenance-margin amount.</param>
/// <param name="Initial">Initial-margin amount.</param>
/// <param name="Children">Sub-amounts (empty for a leaf).</param>
/// <param name="Note">How the amount was formed (formula, scenario id, parameters), or null.</param>
/// <remarks>Amounts are stored without a sign on zero (<c>−0</c> becomes <c>0</c>), and <see cref="ToText"/> never prints a
/// negative zero (an amount that rounds to 0.00 prints as 0.00).</remarks>
public sealed record MarginNode(string Name, double Maintenance, double Initial, ImmutableArray<MarginNode> Children, string? Note = null)
{
    /// <summary>Maintenance-margin amount (never −0).</summary>
    public double Maintenance { get; init; } = Maintenance + 0.0;

    /// <summary>Initial-margin amount (never −0).</summary>
    public double Initial { get; init; } = Initial + 0.0;

    /// <summary>A leaf node.</summary>
    public static MarginNode Leaf(string name, double maintenance, double initial, string? note = null) =>
        new(name, maintenance, initial, ImmutableArray<MarginNode>.Empty, note);

    /// <summary>Depth-first enumeration of this node and all descendants.</summary>
    public IEnumerable<MarginNode> Descendants()
    {
        yield return this;
        foreach (MarginNode c in Children.IsDefault ? ImmutableArray<MarginNode>.Empty : Children)
        {
            foreach (MarginNode d in c.Descendants())
            {
                yield return d;
            }
        }
    }

    /// <summary>The tree as indented text (one node per line: name, maintenance, initial, note).</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        Append(sb, 0);
        return sb.ToString();
    }

    private void Append(StringBuilder sb, int depth)
    {
        sb.Append(' ', depth * 2).Append(Name).Append(": MM ")
          .Append(Amount(Maintenance)).Append(", IM ")
          .Append(Amount(Initial));
        if (Note is not null)
        {
            sb.Append("  [").Append(Note).Append(']');
        }

        sb.AppendLine();
        foreach (MarginNode c in Children.IsDefault ? ImmutableArray<MarginNode>.Empty : Children)
        {
            c.Append(sb, depth + 1);
        }
    }

    /// <summary>An amount to two decimals, without the sign of an amount that rounds to zero.</summary>
    private static string Amount(double v)
    {
        string text = v.ToString("N2", CultureInfo.InvariantCulture);
        return text == "-0.00" ? "0.00" : text;
    }
}
