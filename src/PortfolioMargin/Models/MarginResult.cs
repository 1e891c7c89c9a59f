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

/// <summary>A position's share of the margin. Over all positions the shares sum to the result's totals. A value type: a result's contributions are one array, not one object per position.</summary>
/// <param name="PositionIndex">Index of the position in the margined portfolio (or position list).</param>
/// <param name="Label">Display label of the position.</param>
/// <param name="Group">Risk group (underlying / combined commodity) the position belongs to.</param>
/// <param name="Maintenance">Share of the maintenance margin.</param>
/// <param name="Initial">Share of the initial margin.</param>
public readonly record struct PositionContribution(int PositionIndex, string Label, string Group, double Maintenance, double Initial);

/// <summary>The scenario that sets a risk group's scan risk.</summary>
/// <param name="Group">Risk group.</param>
/// <param name="ScenarioId">Stable id of the binding scenario.</param>
/// <param name="ScenarioName">Display name of the binding scenario.</param>
/// <param name="Loss">The group's (weighted) loss in that scenario, in the result currency.</param>
/// <param name="TiedScenarioIds">Other scenarios with the same loss (within 1e-9 relative); the first in set order binds.</param>
public sealed record BindingScenario(string Group, string ScenarioId, string ScenarioName, double Loss, ImmutableArray<string> TiedScenarioIds);

/// <summary>A note on something the model did that a reader of the number should know: a floor, a repair, a cap.</summary>
/// <param name="Code">Stable machine-readable code, e.g. <c>NOV_FLOOR</c>, <c>SOM_BINDS</c>, <c>CORRELATION_REPAIRED</c>.</param>
/// <param name="Message">Human-readable explanation with the numbers involved.</param>
public sealed record MarginDiagnostic(string Code, string Message)
{
    /// <summary>The code of <see cref="EmptyPortfolio"/>: <c>EMPTY_PORTFOLIO</c>.</summary>
    public const string EmptyPortfolioCode = "EMPTY_PORTFOLIO";

    /// <summary>
    /// The diagnostic every model of the library attaches to the result of an empty portfolio (margin 0), so that a 0
    /// that comes from an empty input (a filter that matched nothing, a file with no rows) is told apart from a 0 that
    /// the model computed. A model of your own should attach it too.
    /// </summary>
    /// <param name="model">The model's name.</param>
    /// <returns>The diagnostic <c>EMPTY_PORTFOLIO</c>.</returns>
    public static MarginDiagnostic EmptyPortfolio(string model) =>
        new(EmptyPortfolioCode, $"The portfolio is empty: {model} margins it to 0 (no position, no risk).");
}

/// <summary>
/// The one result shape of every margin model: initial and maintenance margin in one currency, a breakdown tree,
/// per-position contributions that sum to the totals, the binding scenario per risk group where the model has one,
/// and diagnostics. Immutable.
/// </summary>
/// <remarks>Construction checks that the contributions sum to the totals (tolerance 1e-9 relative, 1e-9 absolute).</remarks>
public sealed record MarginResult
{
    /// <summary>Creates a result and checks the contribution invariant.</summary>
    /// <exception cref="ArgumentException">A total is not finite, or the contributions do not sum to the totals.</exception>
    public MarginResult(string model, Currency currency, double initialMargin, double maintenanceMargin, MarginNode breakdown,
        ImmutableArray<PositionContribution> contributions, ImmutableArray<BindingScenario> bindingScenarios, ImmutableArray<MarginDiagnostic> diagnostics)
        : this(model, currency, initialMargin, maintenanceMargin, Guard.NotNull(breakdown), null, contributions, bindingScenarios, diagnostics)
    {
    }

    /// <summary>
    /// A result whose breakdown tree is built on first use by <paramref name="breakdown"/> (deterministic, so a race
    /// builds equal trees and one wins). Results margined in bulk keep only the numbers the tree is made from.
    /// </summary>
    internal MarginResult(string model, Currency currency, double initialMargin, double maintenanceMargin, Func<MarginNode> breakdown,
        ImmutableArray<PositionContribution> contributions, ImmutableArray<BindingScenario> bindingScenarios, ImmutableArray<MarginDiagnostic> diagnostics)
        : this(model, currency, initialMargin, maintenanceMargin, null, Guard.NotNull(breakdown), contributions, bindingScenarios, diagnostics)
    {
    }

    private MarginResult(string model, Currency currency, double initialMargin, double maintenanceMargin, MarginNode? breakdown, Func<MarginNode>? buildBreakdown,
        ImmutableArray<PositionContribution> contributions, ImmutableArray<BindingScenario> bindingScenarios, ImmutableArray<MarginDiagnostic> diagnostics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Guard.Finite(initialMargin, $"Model '{model}': initial margin");
        Guard.Finite(maintenanceMargin, $"Model '{model}': maintenance margin");
        contributions = contributions.IsDefault ? ImmutableArray<PositionContribution>.Empty : contributions;
        double sumMm = 0, sumIm = 0;
        foreach (PositionContribution c in contributions)
        {
            sumMm += c.Maintenance;
            sumIm += c.Initial;
        }

        CheckSum(model, "maintenance", sumMm, maintenanceMargin);
        CheckSum(model, "initial", sumIm, initialMargin);
        Model = model;
        Currency = currency;
        InitialMargin = initialMargin;
        MaintenanceMargin = maintenanceMargin;
        _breakdown = breakdown;
        _buildBreakdown = buildBreakdown;
        Contributions = contributions;
        BindingScenarios = bindingScenarios.IsDefault ? ImmutableArray<BindingScenario>.Empty : bindingScenarios;
        Diagnostics = diagnostics.IsDefault ? ImmutableArray<MarginDiagnostic>.Empty : diagnostics;
    }

    private static void CheckSum(string model, string what, double sum, double total)
    {
        if (!(Math.Abs(sum - total) <= 1e-9 * Math.Max(1.0, Math.Abs(total))))
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Model '{model}': position contributions to {what} margin sum to {sum:R}, but the total is {total:R}."), "contributions");
        }
    }

    /// <summary>Name of the model that produced the result.</summary>
    public string Model { get; }

    /// <summary>Currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>Initial margin (the requirement to open positions).</summary>
    public double InitialMargin { get; }

    /// <summary>Maintenance margin (the requirement to keep them).</summary>
    public double MaintenanceMargin { get; }

    private MarginNode? _breakdown;
    private readonly Func<MarginNode>? _buildBreakdown;

    /// <summary>How the totals were formed.</summary>
    public MarginNode Breakdown
    {
        get
        {
            MarginNode? node = Volatile.Read(ref _breakdown);
            if (node is null)
            {
                node = _buildBreakdown!();
                node = Interlocked.CompareExchange(ref _breakdown, node, null) ?? node;
            }

            return node;
        }
    }

    /// <summary>Per-position shares, summing to the totals.</summary>
    public ImmutableArray<PositionContribution> Contributions { get; }

    /// <summary>Binding scenario per risk group (empty for models without scenarios).</summary>
    public ImmutableArray<BindingScenario> BindingScenarios { get; }

    /// <summary>Floors, repairs and other notes.</summary>
    public ImmutableArray<MarginDiagnostic> Diagnostics { get; }

    /// <summary>Record equality over the public members (the breakdown compared as built); arrays compare by reference, as in any record.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>True when every member is equal.</returns>
    public bool Equals(MarginResult? other) =>
        ReferenceEquals(this, other) || (other is not null && Model == other.Model && Currency == other.Currency
            && InitialMargin.Equals(other.InitialMargin) && MaintenanceMargin.Equals(other.MaintenanceMargin) && Breakdown.Equals(other.Breakdown)
            && Contributions == other.Contributions && BindingScenarios == other.BindingScenarios && Diagnostics == other.Diagnostics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Model, Currency, InitialMargin, MaintenanceMargin, Breakdown, Contributions, BindingScenarios, Diagnostics);

    /// <summary>The <paramref name="count"/> largest contributions to initial margin.</summary>
    public IEnumerable<PositionContribution> TopContributors(int count = 5) =>
        Contributions.OrderByDescending(c => c.Initial).Take(count);
}
