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
public sealed record MarginNode(string Name, double Maintenance, double Initial, ImmutableArray<MarginNode> Children, string? Note = null)
{
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
          .Append(Maintenance.ToString("N2", CultureInfo.InvariantCulture)).Append(", IM ")
          .Append(Initial.ToString("N2", CultureInfo.InvariantCulture));
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
}
