using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

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
