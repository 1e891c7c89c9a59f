using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// The scenario-grid computation of spec §6.2 from risk arrays alone (no revaluation): feed it arrays from the
/// library's revaluation engine, from an exchange, or from a textbook. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Group requirement <c>MM = max(scan + intra − interCredit, SOM) + contingencies</c>, then NOV handling, and
/// <c>IM = MM × ratio</c>. Attribution (contributions sum exactly to the totals): scan risk by each position's loss in
/// the binding scenario (the first in set order among ties); each intra charge over the positions of its two tiers by
/// |delta|; inter credits over the group's positions by |delta|; a binding SOM over the short options by short units;
/// contingencies over the positions that cause them; NOV by each option's value; a floored group contributes 0.
/// </remarks>
public static class GridCalculator
{
    

    /// <summary>Computes the grid margin.</summary>
    /// <param name="modelName">Name for the result.</param>
    /// <param name="currency">Report currency.</param>
    /// <param name="positions">Positions with risk arrays; positions of a group must use that group's scenario set.</param>
    /// <param name="parameters">Parameters per group and inter-group spreads.</param>
    /// <exception cref="KeyNotFoundException">A group has no parameters.</exception>
    /// <exception cref="ArgumentException">A risk array's length differs from its group's scenario count, or holds NaN/infinity.</exception>
    public static GridResult Compute(string modelName, Currency currency, IReadOnlyList<GridPosition> positions, GridParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(parameters);
        var groupOrder = new List<string>();
        var slotsByGroup = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int slot = 0; slot < positions.Count; slot++)
        {
            GridPosition p = positions[slot];
            ArgumentNullException.ThrowIfNull(p);
            if (!slotsByGroup.TryGetValue(p.Group, out List<int>? slots))
            {
                slotsByGroup[p.Group] = slots = [];
                groupOrder.Add(p.Group);
            }

            slots.Add(slot);
        }

        // Each group as the calculator's arrays: the positions' facts, and their risk arrays scenario-major.
        var inputs = new GridGroupInput[groupOrder.Count];
        for (int g = 0; g < inputs.Length; g++)
        {
            GridGroupParameters gp = parameters.For(groupOrder[g]);
            List<int> slots = slotsByGroup[groupOrder[g]];
            int n = slots.Count, s = gp.Scenarios.Count;
            var facts = new GridPositionFacts[n];
            var pnl = new double[n * s];
            for (int k = 0; k < n; k++)
            {
                GridPosition p = positions[slots[k]];
                CheckArray(p, s);
                facts[k] = new GridPositionFacts(slots[k], p.Index, k, p.Label, p.Delta, p.DaysToExpiry, p.Kind, p.Units, p.ContractKey, p.UnderlyingPrice, p.Value);
                for (int sc = 0; sc < s; sc++)
                {
                    pnl[(sc * n) + k] = p.Pnl[sc];
                }
            }

            inputs[g] = new GridGroupInput(groupOrder[g], gp, facts, n, pnl);
        }

        return Compute(modelName, currency, positions.Count, inputs, parameters, keepLosses: true);
    }

    /// <summary>
    /// The computation over groups laid out as arrays (what <see cref="ScenarioGridModel"/> feeds straight from the
    /// revaluation engine's buffers). With <paramref name="keepLosses"/> false the groups' scenario losses are scratch
    /// and <see cref="GridGroupResult.ScenarioLosses"/> is empty.
    /// </summary>
    internal static GridResult Compute(string modelName, Currency currency, int positionCount, GridGroupInput[] inputs, GridParameters parameters, bool keepLosses)
    {
        var work = new GridGroupWork[inputs.Length];
        try
        {
            for (int g = 0; g < inputs.Length; g++)
            {
                work[g] = new GridGroupWork(inputs[g], keepLosses);
            }

            ImmutableArray<FormedInterSpread> inter = ApplyInterSpreads(parameters, work);
            var contributions = new PositionContribution[positionCount];
            var groups = ImmutableArray.CreateBuilder<GridGroupResult>(work.Length);
            var forTree = new GridGroupResult[work.Length];
            var groupParameters = new GridGroupParameters[work.Length];
            var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
            var binding = ImmutableArray.CreateBuilder<BindingScenario>(work.Length);
            double totalMm = 0, totalIm = 0;
            for (int g = 0; g < work.Length; g++)
            {
                GridGroupWork w = work[g];
                GridGroupResult r = w.Finish(contributions, diagnostics);
                groups.Add(r);
                // The breakdown tree is built on first use from the group figures (not the scenario losses, which it does not show).
                forTree[g] = keepLosses ? r with { ScenarioLosses = ImmutableArray<double>.Empty } : r;
                groupParameters[g] = inputs[g].Parameters;
                if (r.Binding is not null)
                {
                    binding.Add(r.Binding);
                }

                totalMm += r.Maintenance;
                totalIm += r.Initial;
            }

            if (positionCount == 0)
            {
                diagnostics.Add(MarginDiagnostic.EmptyPortfolio(modelName));
            }

            var tree = new GridBreakdown(modelName, parameters.Version, totalMm, totalIm, forTree, groupParameters);
            var result = new MarginResult(modelName, currency, totalIm, totalMm, tree.Build, ImmutableCollectionsMarshal.AsImmutableArray(contributions),
                binding.ToImmutable(), diagnostics.ToImmutable());
            return new GridResult(result, groups.MoveToImmutable(), inter);
        }
        finally
        {
            foreach (GridGroupWork? w in work)
            {
                w?.Release();
            }
        }
    }

    /// <summary>
    /// Initial margin of one position margined alone under its group's parameters:
    /// <c>(max(SR_i, SOM_i) + contingency_i, then NOV) × ratio</c> — what <see cref="Compute(string, Currency, IReadOnlyList{GridPosition}, GridParameters)"/>
    /// returns for a one-position portfolio, computed from the same risk array.
    /// </summary>
    public static double StandaloneInitial(GridPosition position, GridGroupParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckArray(position, parameters.Scenarios.Count);
        return StandaloneInitial(TensorPrimitives.Min(position.Pnl.AsSpan()), position.Kind, position.Units, position.UnderlyingPrice, position.Value, parameters);
    }

    /// <summary><see cref="StandaloneInitial(GridPosition, GridGroupParameters)"/> from the position's lowest scenario P&amp;L and its facts.</summary>
    internal static double StandaloneInitial(double minPnl, GridPositionKind kind, double units, double underlyingPrice, double value, GridGroupParameters parameters)
    {
        double scan = Math.Max(0, -minPnl);
        double shortUnits = kind is GridPositionKind.Call or GridPositionKind.Put ? Math.Max(0, -units) : 0;
        double som = parameters.ShortOptionMinimumPerUnit * shortUnits;
        double contingency = parameters.ShortOptionContingencyRate * shortUnits * underlyingPrice;
        double mm = Math.Max(scan, som) + contingency;
        if (parameters.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            mm = Math.Max(mm - value, 0);
        }

        return mm * parameters.InitialToMaintenance;
    }

    private static void CheckArray(GridPosition p, int scenarios)
    {
        if (p.Pnl.IsDefault || p.Pnl.Length != scenarios)
        {
            Guard.ThrowArgument($"Position '{p.Label}' (group {p.Group}): risk array has {(p.Pnl.IsDefault ? 0 : p.Pnl.Length)} values, the group's scenario set has {scenarios}.", nameof(p));
        }

        foreach (double v in p.Pnl)
        {
            if (!double.IsFinite(v))
            {
                Guard.ThrowArgument($"Position '{p.Label}' (group {p.Group}): risk array holds a non-finite value.", nameof(p));
            }
        }
    }

    private static ImmutableArray<FormedInterSpread> ApplyInterSpreads(GridParameters parameters, GridGroupWork[] work)
    {
        if (parameters.InterSpreads.IsEmpty)
        {
            return ImmutableArray<FormedInterSpread>.Empty; // no credits (every group's InterCredit stays 0)
        }

        var formed = ImmutableArray.CreateBuilder<FormedInterSpread>();
        int g = work.Length;
        var groups = new string[g];
        var netDelta = new double[g];
        var priceRisk = new double[g];
        var credit = new double[g];
        for (int i = 0; i < g; i++)
        {
            groups[i] = work[i].Group;
            netDelta[i] = work[i].NetDelta;
            priceRisk[i] = work[i].PriceRisk;
        }

        GridGroupMath.InterCredits(parameters, groups, netDelta, priceRisk, credit, new double[g], formed);
        for (int i = 0; i < g; i++)
        {
            work[i].InterCredit = credit[i];
        }

        return formed.ToImmutable();
    }

}

