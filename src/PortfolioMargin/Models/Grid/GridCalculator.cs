using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>What a grid position is, for the short-option minimum and the contingency add-ons.</summary>
public enum GridPositionKind : byte
{
    /// <summary>Spot holding (no add-ons).</summary>
    Spot = 0,

    /// <summary>Dated future or perpetual (offsetting-futures add-on).</summary>
    Future = 1,

    /// <summary>Call option.</summary>
    Call = 2,

    /// <summary>Put option.</summary>
    Put = 3,
}

/// <summary>
/// One position as the grid calculator sees it: its weighted scenario P&amp;L (risk array, profit positive, report
/// currency, one value per scenario of its group's set) and the facts the spread and add-on rules need.
/// </summary>
/// <param name="Index">Index in the margined portfolio (used by contributions).</param>
/// <param name="Label">Display label.</param>
/// <param name="Group">Risk group (underlying symbol).</param>
/// <param name="Pnl">Weighted P&amp;L per scenario.</param>
/// <param name="Delta">Delta in units of the underlying (coin delta for inverse products).</param>
/// <param name="DaysToExpiry">Days to expiry (0 for spot and perpetuals).</param>
/// <param name="Kind">Spot, future/perpetual, call or put.</param>
/// <param name="Units">Signed units of underlying the position controls: <c>q·m</c> for options, its delta for futures.</param>
/// <param name="ContractKey">Identity used to net positions per contract (e.g. the instrument name).</param>
/// <param name="UnderlyingPrice">Underlying (reference) price in the report currency, for rate-based add-ons.</param>
/// <param name="Value">Marked value in the report currency (option premium value), for net option value.</param>
public sealed record GridPosition(int Index, string Label, string Group, ImmutableArray<double> Pnl, double Delta, double DaysToExpiry,
    GridPositionKind Kind, double Units, string ContractKey, double UnderlyingPrice, double Value);

/// <summary>An intra-group spread that formed.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Spreads">Number of spreads <c>n</c>.</param>
/// <param name="Charge"><c>n · ChargePerSpread</c>.</param>
public sealed record FormedIntraSpread(IntraSpreadRule Rule, double Spreads, double Charge);

/// <summary>An inter-group spread that formed, with the credit granted to each leg's group.</summary>
/// <param name="Spread">The spread definition.</param>
/// <param name="Spreads">Number of spreads <c>n</c>.</param>
/// <param name="CreditByGroup">Credit per leg group.</param>
public sealed record FormedInterSpread(InterGroupSpread Spread, double Spreads, ImmutableSortedDictionary<string, double> CreditByGroup);

/// <summary>Everything the grid computed for one risk group (report currency).</summary>
/// <param name="Group">Risk group.</param>
/// <param name="ScenarioLosses">Group loss per scenario (<c>L_s = −Σ pnl</c>).</param>
/// <param name="ScanRisk"><c>max(0, max_s L_s)</c>.</param>
/// <param name="Binding">Binding scenario (null when every scenario is a gain).</param>
/// <param name="TimeRisk">Mean loss of the zero-price-move scenarios.</param>
/// <param name="PriceRisk">Largest mean loss over the vol variants of a price move (weight-1 scenarios), less time risk, floored at 0.</param>
/// <param name="VolRisk"><c>max(0, scan − time − price)</c>.</param>
/// <param name="NetDelta">Net delta in units of underlying.</param>
/// <param name="IntraSpreads">Intra spreads formed, in priority order.</param>
/// <param name="IntraCharge">Sum of intra charges.</param>
/// <param name="InterCredit">Inter-group credit granted to the group.</param>
/// <param name="ShortOptionMinimum">Short option minimum.</param>
/// <param name="ShortOptionContingency">Add-on for net short options.</param>
/// <param name="FuturesContingency">Add-on for offsetting futures.</param>
/// <param name="NetOptionValue">Net option value (report currency).</param>
/// <param name="ShortOptionMinimumBinds">True when the SOM exceeded scan + intra − credit.</param>
/// <param name="NetOptionValueFloored">True when NOV handling floored the requirement at 0.</param>
/// <param name="Maintenance">Group maintenance margin.</param>
/// <param name="Initial">Group initial margin.</param>
public sealed record GridGroupResult(string Group, ImmutableArray<double> ScenarioLosses, double ScanRisk, BindingScenario? Binding,
    double TimeRisk, double PriceRisk, double VolRisk, double NetDelta, ImmutableArray<FormedIntraSpread> IntraSpreads, double IntraCharge,
    double InterCredit, double ShortOptionMinimum, double ShortOptionContingency, double FuturesContingency, double NetOptionValue,
    bool ShortOptionMinimumBinds, bool NetOptionValueFloored, double Maintenance, double Initial);

/// <summary>The grid's detailed result plus the common <see cref="MarginResult"/>.</summary>
/// <param name="Result">The common result shape.</param>
/// <param name="Groups">Per risk group, in order of first appearance.</param>
/// <param name="InterSpreads">Inter-group spreads formed, in priority order.</param>
public sealed record GridResult(MarginResult Result, ImmutableArray<GridGroupResult> Groups, ImmutableArray<FormedInterSpread> InterSpreads);

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
    private const double TieTolerance = 1e-9;

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
        var byGroup = new Dictionary<string, List<GridPosition>>(StringComparer.Ordinal);
        var slotsByGroup = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int slot = 0; slot < positions.Count; slot++)
        {
            GridPosition p = positions[slot];
            ArgumentNullException.ThrowIfNull(p);
            if (!byGroup.TryGetValue(p.Group, out List<GridPosition>? list))
            {
                byGroup[p.Group] = list = [];
                slotsByGroup[p.Group] = [];
                groupOrder.Add(p.Group);
            }

            list.Add(p);
            slotsByGroup[p.Group].Add(slot);
        }

        var work = groupOrder.Select(g => new GroupWork(g, byGroup[g], slotsByGroup[g], parameters.For(g))).ToList();
        ImmutableArray<FormedInterSpread> inter = ApplyInterSpreads(parameters, work);
        var contributions = new PositionContribution[positions.Count];
        var groups = ImmutableArray.CreateBuilder<GridGroupResult>(work.Count);
        var forTree = new GridGroupResult[work.Count];
        var groupParameters = new GridGroupParameters[work.Count];
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        var binding = ImmutableArray.CreateBuilder<BindingScenario>();
        double totalMm = 0, totalIm = 0;
        for (int g = 0; g < work.Count; g++)
        {
            GroupWork w = work[g];
            GridGroupResult r = w.Finish(contributions, diagnostics);
            groups.Add(r);
            // The breakdown tree is built on first use from the group figures (not the scenario losses, which it does not show).
            forTree[g] = r with { ScenarioLosses = ImmutableArray<double>.Empty };
            groupParameters[g] = w.Parameters;
            if (r.Binding is not null)
            {
                binding.Add(r.Binding);
            }

            totalMm += r.Maintenance;
            totalIm += r.Initial;
        }

        var tree = new Breakdown(modelName, parameters.Version, totalMm, totalIm, forTree, groupParameters);
        var result = new MarginResult(modelName, currency, totalIm, totalMm, tree.Build, ImmutableCollectionsMarshal.AsImmutableArray(contributions),
            binding.ToImmutable(), diagnostics.ToImmutable());
        return new GridResult(result, groups.MoveToImmutable(), inter);
    }

    /// <summary>The grid's breakdown tree, built on demand from the per-group figures (what a bulk result keeps instead of the tree).</summary>
    private sealed class Breakdown(string modelName, string version, double totalMm, double totalIm, GridGroupResult[] groups, GridGroupParameters[] parameters)
    {
        public MarginNode Build()
        {
            var nodes = ImmutableArray.CreateBuilder<MarginNode>(groups.Length);
            for (int g = 0; g < groups.Length; g++)
            {
                nodes.Add(GroupNode(groups[g], parameters[g]));
            }

            return new MarginNode($"{modelName} total", totalMm, totalIm, nodes.MoveToImmutable(), $"parameters {version}");
        }
    }

    /// <summary>
    /// Initial margin of one position margined alone under its group's parameters:
    /// <c>(max(SR_i, SOM_i) + contingency_i, then NOV) × ratio</c> — what <see cref="Compute"/> returns for a
    /// one-position portfolio, computed from the same risk array.
    /// </summary>
    public static double StandaloneInitial(GridPosition position, GridGroupParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(parameters);
        CheckArray(position, parameters.Scenarios.Count);
        double scan = Math.Max(0, -TensorPrimitives.Min(position.Pnl.AsSpan()));
        double shortUnits = position.Kind is GridPositionKind.Call or GridPositionKind.Put ? Math.Max(0, -position.Units) : 0;
        double som = parameters.ShortOptionMinimumPerUnit * shortUnits;
        double contingency = parameters.ShortOptionContingencyRate * shortUnits * position.UnderlyingPrice;
        double mm = Math.Max(scan, som) + contingency;
        if (parameters.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            mm = Math.Max(mm - position.Value, 0);
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

    private static ImmutableArray<FormedInterSpread> ApplyInterSpreads(GridParameters parameters, List<GroupWork> work)
    {
        var formed = ImmutableArray.CreateBuilder<FormedInterSpread>();
        int g = work.Count;
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

    /// <summary>Per-group state between the two phases (inter spreads need every group's price risk and delta).</summary>
    private sealed class GroupWork
    {
        private readonly List<GridPosition> _positions;
        private readonly List<int> _slots; // index of each position in the calculator's input list
        private readonly GridGroupParameters _p;
        private readonly double[] _losses;
        private readonly List<FormedIntraSpread> _intra = [];
        private double[] _intraByTier = [];

        public GroupWork(string group, List<GridPosition> positions, List<int> slots, GridGroupParameters parameters)
        {
            Group = group;
            _positions = positions;
            _slots = slots;
            _p = parameters;
            int s = parameters.Scenarios.Count;
            _losses = new double[s];
            double net = 0, gross = 0;
            foreach (GridPosition pos in positions)
            {
                CheckArray(pos, s);
                TensorPrimitives.Subtract(_losses, pos.Pnl.AsSpan(), _losses);
                net += pos.Delta;
                gross += Math.Abs(pos.Delta);
            }

            NetDelta = GridGroupMath.SnappedDelta(net, gross);

            ComputeScan();
            ComputeIntra();
        }

        public string Group { get; }

        public double NetDelta { get; }

        public double ScanRisk { get; private set; }

        public int BindingIndex { get; private set; } = -1;

        public double TimeRisk { get; private set; }

        public double PriceRisk { get; private set; }

        public double InterCredit { get; set; }

        private void ComputeScan()
        {
            (ScanRisk, BindingIndex) = GridGroupMath.Scan(_losses);

            // Time, price and vol risk (diagnostic decomposition; price risk also feeds inter-group WPR).
            var layout = ScenarioLayout.Of(_p.Scenarios, Group);
            (TimeRisk, PriceRisk) = GridGroupMath.TimeAndPrice(_losses, layout, new double[layout.Slots]);
        }

        private int TierOf(GridPosition p) => GridGroupMath.TierIndex(_p, p.DaysToExpiry);

        private void ComputeIntra()
        {
            if (_p.IntraSpreads.IsEmpty)
            {
                return;
            }

            var tierDelta = new double[_p.IntraTiers.Length];
            foreach (GridPosition pos in _positions)
            {
                int t = GridGroupMath.TierIndex(_p, pos.DaysToExpiry);
                if (t >= 0)
                {
                    tierDelta[t] += pos.Delta;
                }
            }

            _intraByTier = new double[tierDelta.Length];
            GridGroupMath.Intra(tierDelta, _p, _intra, _intraByTier);
        }

        public GridGroupResult Finish(PositionContribution[] contributions, ImmutableArray<MarginDiagnostic>.Builder diagnostics)
        {
            int n = _positions.Count;
            var share = new double[n];
            double intraCharge = 0;
            foreach (FormedIntraSpread x in _intra)
            {
                intraCharge += x.Charge;
            }

            // Short option minimum: net per contract, then count short calls and puts.
            var netPerContract = new Dictionary<(string, GridPositionKind), double>();
            foreach (GridPosition p in _positions)
            {
                if (p.Kind is not (GridPositionKind.Call or GridPositionKind.Put))
                {
                    continue;
                }

                netPerContract[(p.ContractKey, p.Kind)] = netPerContract.GetValueOrDefault((p.ContractKey, p.Kind)) + p.Units;
            }

            double shortCalls = 0, shortPuts = 0;
            foreach (KeyValuePair<(string, GridPositionKind), double> kv in netPerContract)
            {
                if (kv.Key.Item2 == GridPositionKind.Call)
                {
                    shortCalls += Math.Max(0, -kv.Value);
                }
                else
                {
                    shortPuts += Math.Max(0, -kv.Value);
                }
            }
            double som = GridGroupMath.ShortOptionMinimum(shortCalls, shortPuts, _p);
            double scanPart = ScanRisk + intraCharge - InterCredit;
            bool somBinds = som > scanPart;
            if (somBinds)
            {
                // SOM over the net short options of the counted side(s), by short units.
                bool callsCount = _p.ShortOptionMinimumMethod == ShortOptionMinimumMethod.Gross || shortCalls >= shortPuts;
                bool putsCount = _p.ShortOptionMinimumMethod == ShortOptionMinimumMethod.Gross || shortPuts > shortCalls;
                Allocate(som, share, i => ShortWeight(i, callsCount, putsCount, netPerContract));
                diagnostics.Add(new MarginDiagnostic("SOM_BINDS", string.Create(CultureInfo.InvariantCulture,
                    $"{Group}: short option minimum {som:N2} exceeds scan + intra - credit = {scanPart:N2}.")));
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    share[i] = BindingIndex >= 0 ? -_positions[i].Pnl[BindingIndex] : 0;
                }

                for (int tier = 0; tier < _intraByTier.Length; tier++)
                {
                    int t = tier;
                    Allocate(_intraByTier[t], share, i => TierOf(_positions[i]) == t ? Math.Abs(_positions[i].Delta) : 0);
                }

                Allocate(-InterCredit, share, i => Math.Abs(_positions[i].Delta));
            }

            // Contingencies: net short options per contract; futures offsetting across expiries.
            double optionContingency = 0;
            foreach (var ((key, kind), net) in netPerContract)
            {
                if (net < 0 && _p.ShortOptionContingencyRate > 0)
                {
                    GridPosition first = _positions.First(p => p.ContractKey == key && p.Kind == kind);
                    double add = _p.ShortOptionContingencyRate * -net * first.UnderlyingPrice;
                    optionContingency += add;
                    Allocate(add, share, i => _positions[i].ContractKey == key && _positions[i].Kind == kind ? Math.Max(0, -_positions[i].Units) : 0);
                }
            }

            // Offsetting futures: the smaller of the long and short futures notionals (each at its own reference price).
            double longNotional = 0, shortNotional = 0, nov = 0;
            foreach (GridPosition p in _positions)
            {
                nov += p.Value;
                if (p.Kind == GridPositionKind.Future)
                {
                    longNotional += Math.Max(0, p.Units) * p.UnderlyingPrice;
                    shortNotional += Math.Max(0, -p.Units) * p.UnderlyingPrice;
                }
            }
            double futuresContingency = GridGroupMath.FuturesContingency(longNotional, shortNotional, _p);
            if (futuresContingency > 0)
            {
                Allocate(futuresContingency, share, i => _positions[i].Kind == GridPositionKind.Future ? Math.Abs(_positions[i].Units) * _positions[i].UnderlyingPrice : 0);
            }


            double mm = GridGroupMath.Maintenance(ScanRisk, intraCharge, InterCredit, som, optionContingency, futuresContingency, nov, _p, out _, out bool floored);
            if (floored)
            {
                diagnostics.Add(new MarginDiagnostic("NOV_FLOOR", string.Create(CultureInfo.InvariantCulture,
                    $"{Group}: requirement {Math.Max(scanPart, som) + optionContingency + futuresContingency:N2} less net option value {nov:N2} is negative; floored at 0.")));
                Array.Clear(share);
            }
            else if (_p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
            {
                for (int i = 0; i < n; i++)
                {
                    share[i] -= _positions[i].Value;
                }
            }

            double ratio = _p.InitialToMaintenance;
            for (int i = 0; i < n; i++)
            {
                GridPosition p = _positions[i];
                contributions[_slots[i]] = new PositionContribution(p.Index, p.Label, Group, share[i], share[i] * ratio);
            }

            BindingScenario? binding = null;
            if (BindingIndex >= 0)
            {
                ImmutableArray<Scenario> set = _p.Scenarios.Scenarios;
                double best = _losses[BindingIndex];
                var ties = ImmutableArray.CreateBuilder<string>();
                for (int j = 0; j < _losses.Length; j++)
                {
                    if (j != BindingIndex && Math.Abs(_losses[j] - best) <= TieTolerance * Math.Max(1.0, Math.Abs(best)))
                    {
                        ties.Add(set[j].Id);
                    }
                }

                binding = new BindingScenario(Group, set[BindingIndex].Id, set[BindingIndex].Name, best, ties.ToImmutable());
            }

            double volRisk = Math.Max(0, ScanRisk - TimeRisk - PriceRisk);
            return new GridGroupResult(Group, ImmutableCollectionsMarshal.AsImmutableArray(_losses), ScanRisk, binding, TimeRisk, PriceRisk, volRisk, NetDelta, [.. _intra], intraCharge,
                InterCredit, som, optionContingency, futuresContingency, nov, somBinds, floored, mm, mm * ratio);
        }

        /// <summary>Short units of position <paramref name="i"/> when it is a net short option on a counted side, else 0.</summary>
        private double ShortWeight(int i, bool calls, bool puts, Dictionary<(string, GridPositionKind), double> net)
        {
            GridPosition p = _positions[i];
            bool counted = (p.Kind == GridPositionKind.Call && calls) || (p.Kind == GridPositionKind.Put && puts);
            return counted && net[(p.ContractKey, p.Kind)] < 0 ? Math.Max(0, -p.Units) : 0;
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="share"/> in proportion to <paramref name="weight"/> (exactly, the remainder to the last weighted item).</summary>
        private void Allocate(double amount, double[] share, Func<int, double> weight)
        {
            if (amount == 0)
            {
                return;
            }

            double total = 0;
            int last = -1;
            for (int i = 0; i < _positions.Count; i++)
            {
                double w = weight(i);
                if (w > 0)
                {
                    total += w;
                    last = i;
                }
            }

            if (last < 0)
            {
                // Nothing to carry it (cannot happen for charges that formed); spread evenly so sums stay exact.
                for (int i = 0; i < share.Length; i++)
                {
                    share[i] += amount / share.Length;
                }

                return;
            }

            double given = 0;
            for (int i = 0; i < last; i++)
            {
                double w = weight(i);
                if (w > 0)
                {
                    double part = amount * (w / total);
                    share[i] += part;
                    given += part;
                }
            }

            share[last] += amount - given;
        }

        public GridGroupParameters Parameters => _p;
    }

    /// <summary>One group's node of the breakdown tree.</summary>
    private static MarginNode GroupNode(GridGroupResult r, GridGroupParameters p)
    {
        double k = p.InitialToMaintenance;
        var children = ImmutableArray.CreateBuilder<MarginNode>();
        string scanNote = r.Binding is null
            ? "no scenario loses"
            : $"binding {r.Binding.ScenarioId} ({r.Binding.ScenarioName}){(r.Binding.TiedScenarioIds.IsEmpty ? "" : $", tied with {string.Join(", ", r.Binding.TiedScenarioIds)}")}";
        NodeNames names = NodeNames.For(r.Group);
        children.Add(new MarginNode(names.Scan, r.ScanRisk, r.ScanRisk * k,
        [
            MarginNode.Leaf(names.Time, r.TimeRisk, r.TimeRisk * k, "mean loss of the zero-price-move scenarios"),
            MarginNode.Leaf(names.Price, r.PriceRisk, r.PriceRisk * k, "worst mean loss of a price move, less time risk"),
            MarginNode.Leaf(names.Vol, r.VolRisk, r.VolRisk * k, "scan - time - price"),
        ], scanNote));
        // Rules the parameter set does not use are left out of the tree unless they produced an amount.
        if (!p.IntraSpreads.IsEmpty || r.IntraCharge != 0)
        {
            children.Add(new MarginNode(names.Intra, r.IntraCharge, r.IntraCharge * k,
                [.. r.IntraSpreads.Select(s => MarginNode.Leaf($"{r.Group}/intra tiers {s.Rule.TierA}v{s.Rule.TierB}", s.Charge, s.Charge * k,
                    string.Create(CultureInfo.InvariantCulture, $"priority {s.Rule.Priority}: {s.Spreads:G6} spreads x {s.Rule.ChargePerSpread:G6}")))]));
        }

        if (r.InterCredit != 0)
        {
            children.Add(MarginNode.Leaf(names.Credit, -r.InterCredit, -r.InterCredit * k));
        }

        if (p.ShortOptionMinimumPerUnit > 0 || r.ShortOptionMinimum != 0)
        {
            children.Add(MarginNode.Leaf(names.Som, r.ShortOptionMinimum, r.ShortOptionMinimum * k, r.ShortOptionMinimumBinds ? "binds" : "does not bind"));
        }

        if (p.ShortOptionContingencyRate > 0 || r.ShortOptionContingency != 0)
        {
            children.Add(MarginNode.Leaf(names.OptionContingency, r.ShortOptionContingency, r.ShortOptionContingency * k));
        }

        if (p.OffsettingFuturesContingencyRate > 0 || r.FuturesContingency != 0)
        {
            children.Add(MarginNode.Leaf(names.FuturesContingency, r.FuturesContingency, r.FuturesContingency * k));
        }

        if (p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            children.Add(MarginNode.Leaf(names.Nov, -r.NetOptionValue, -r.NetOptionValue * k, r.NetOptionValueFloored ? "requirement floored at 0" : null));
        }

        return new MarginNode(r.Group, r.Maintenance, r.Initial, children.ToImmutable(),
            string.Create(CultureInfo.InvariantCulture, $"max(scan + intra - credit, SOM) + contingencies; IM = MM x {k:G6}"));
    }
}

/// <summary>The breakdown node names of one risk group, built once per group name.</summary>
internal sealed record NodeNames(string Scan, string Time, string Price, string Vol, string Intra, string Credit, string Som,
    string OptionContingency, string FuturesContingency, string Nov)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, NodeNames> Cache = new(StringComparer.Ordinal);

    public static NodeNames For(string group) => Cache.GetOrAdd(group, static g => new(
        $"{g}/scan risk", $"{g}/time risk", $"{g}/price risk", $"{g}/vol risk", $"{g}/intra spread charge", $"{g}/inter-group credit",
        $"{g}/short option minimum", $"{g}/short option contingency", $"{g}/offsetting futures contingency", $"{g}/net option value"));
}

/// <summary>
/// Where each scenario of a set falls in the grid's time/price decomposition for one group: zero-price-move
/// scenarios (time risk) and, for weight-1 scenarios, the slot of their price move (price risk = worst slot mean).
/// Built once per (set, group); immutable.
/// </summary>
internal sealed class ScenarioLayout
{
    private ScenarioLayout(int[] slot, int[] slotCount, bool[] zero, int zeroCount)
    {
        Slot = slot;
        SlotCount = slotCount;
        Zero = zero;
        ZeroCount = zeroCount;
    }

    /// <summary>Per scenario: index of its price-move slot, or −1 when its weight is not 1.</summary>
    public int[] Slot { get; }

    /// <summary>Scenarios per slot.</summary>
    public int[] SlotCount { get; }

    /// <summary>Per scenario: true when the group's price move is 0.</summary>
    public bool[] Zero { get; }

    /// <summary>Number of zero-price-move scenarios.</summary>
    public int ZeroCount { get; }

    /// <summary>Number of distinct price moves among weight-1 scenarios.</summary>
    public int Slots => SlotCount.Length;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScenarioSet, System.Collections.Concurrent.ConcurrentDictionary<string, ScenarioLayout>> Cache = new();

    /// <summary>The layout of <paramref name="set"/> for <paramref name="group"/>, built once per set instance and group (sets are immutable).</summary>
    public static ScenarioLayout Of(ScenarioSet set, string group) =>
        Cache.GetValue(set, static _ => new(StringComparer.Ordinal)).GetOrAdd(group, static (g, s) => Build(s, g), set);

    private static ScenarioLayout Build(ScenarioSet set, string group)
    {
        ImmutableArray<Scenario> s = set.Scenarios;
        var slot = new int[s.Length];
        var zero = new bool[s.Length];
        var slotOfMove = new Dictionary<double, int>();
        var counts = new List<int>();
        int zeroCount = 0;
        for (int j = 0; j < s.Length; j++)
        {
            double move = s[j].ShockFor(group).PriceMove;
            zero[j] = move == 0;
            zeroCount += zero[j] ? 1 : 0;
            slot[j] = -1;
            if (s[j].Weight == 1.0)
            {
                if (!slotOfMove.TryGetValue(move, out int k))
                {
                    slotOfMove[move] = k = counts.Count;
                    counts.Add(0);
                }

                slot[j] = k;
                counts[k]++;
            }
        }

        return new ScenarioLayout(slot, [.. counts], zero, zeroCount);
    }
}

/// <summary>
/// The group-level formulas of the grid (spec §6.2), shared by <see cref="GridCalculator"/> and the incremental
/// what-if calculator so both compute a requirement through the same code. Allocation-free unless a formed-spread
/// list is passed.
/// </summary>
internal static class GridGroupMath
{
    /// <summary>
    /// A net delta within 1e-12 of the gross |delta| it was summed from is exactly 0: a rounding residue would otherwise
    /// have a sign, form inter-group spreads and, through <c>WPR = price risk / |net delta|</c>, grant a spurious credit.
    /// </summary>
    public static double SnappedDelta(double net, double gross) => Math.Abs(net) <= 1e-12 * gross ? 0.0 : net;

    /// <summary>Scan risk <c>max(0, max_s L_s)</c> and the binding scenario (first maximum; −1 when nothing loses).</summary>
    public static (double Scan, int Binding) Scan(ReadOnlySpan<double> losses)
    {
        int s = TensorPrimitives.IndexOfMax(losses);
        return s >= 0 && losses[s] > 0 ? (losses[s], s) : (0.0, -1);
    }

    /// <summary>Time risk (mean loss of zero-move scenarios) and price risk (worst mean loss of a weight-1 price move, less time risk, floored at 0).</summary>
    public static (double Time, double Price) TimeAndPrice(ReadOnlySpan<double> losses, ScenarioLayout layout, Span<double> slotSum)
    {
        double zeroSum = 0;
        slotSum = slotSum[..layout.Slots];
        slotSum.Clear();
        for (int j = 0; j < losses.Length; j++)
        {
            if (layout.Zero[j])
            {
                zeroSum += losses[j];
            }

            int k = layout.Slot[j];
            if (k >= 0)
            {
                slotSum[k] += losses[j];
            }
        }

        double time = layout.ZeroCount > 0 ? zeroSum / layout.ZeroCount : 0;
        double worst = double.NegativeInfinity;
        for (int k = 0; k < slotSum.Length; k++)
        {
            worst = Math.Max(worst, slotSum[k] / layout.SlotCount[k]);
        }

        return (time, Math.Max(0, (slotSum.Length > 0 ? worst : 0) - time));
    }

    /// <summary>Index into <see cref="GridGroupParameters.IntraTiers"/> of the first tier holding the expiry, or −1.</summary>
    public static int TierIndex(GridGroupParameters p, double daysToExpiry)
    {
        ImmutableArray<ExpiryTier> tiers = p.IntraTiers;
        for (int t = 0; t < tiers.Length; t++)
        {
            if (tiers[t].Contains(daysToExpiry))
            {
                return t;
            }
        }

        return -1;
    }

    private static int TierIndexOfNumber(GridGroupParameters p, int number)
    {
        ImmutableArray<ExpiryTier> tiers = p.IntraTiers;
        for (int t = 0; t < tiers.Length; t++)
        {
            if (tiers[t].Number == number)
            {
                return t;
            }
        }

        return -1;
    }

    /// <summary>
    /// Forms the intra-group spreads in priority order from net deltas per tier (indexed like
    /// <see cref="GridGroupParameters.IntraTiers"/>; consumed in place) and returns the total charge.
    /// </summary>
    public static double Intra(Span<double> tierDelta, GridGroupParameters p, List<FormedIntraSpread>? formed, Span<double> chargeByTier)
    {
        double total = 0;
        foreach (IntraSpreadRule rule in p.IntraSpreads)
        {
            int ia = TierIndexOfNumber(p, rule.TierA), ib = TierIndexOfNumber(p, rule.TierB);
            double a = tierDelta[ia], b = tierDelta[ib];
            if (a == 0 || b == 0 || Math.Sign(a) == Math.Sign(b))
            {
                continue;
            }

            double n = Math.Min(Math.Abs(a) / rule.DeltaPerSpreadA, Math.Abs(b) / rule.DeltaPerSpreadB);
            tierDelta[ia] = a - (Math.Sign(a) * n * rule.DeltaPerSpreadA);
            tierDelta[ib] = b - (Math.Sign(b) * n * rule.DeltaPerSpreadB);
            double charge = n * rule.ChargePerSpread;
            total += charge;
            formed?.Add(new FormedIntraSpread(rule, n, charge));
            if (!chargeByTier.IsEmpty)
            {
                chargeByTier[ia] += charge / 2;
                chargeByTier[ib] += charge / 2;
            }
        }

        return total;
    }

    /// <summary>Short option minimum from the net short call and put units.</summary>
    public static double ShortOptionMinimum(double shortCalls, double shortPuts, GridGroupParameters p) =>
        p.ShortOptionMinimumPerUnit * (p.ShortOptionMinimumMethod == ShortOptionMinimumMethod.Gross ? shortCalls + shortPuts : Math.Max(shortCalls, shortPuts));

    /// <summary>Offsetting-futures add-on: <c>rate · min(long notional, short notional)</c>.</summary>
    public static double FuturesContingency(double longNotional, double shortNotional, GridGroupParameters p) =>
        Math.Min(longNotional, shortNotional) > 0 && p.OffsettingFuturesContingencyRate > 0
            ? p.OffsettingFuturesContingencyRate * Math.Min(longNotional, shortNotional)
            : 0;

    /// <summary>Group maintenance margin <c>max(scan + intra − credit, SOM) + contingencies</c>, then NOV handling.</summary>
    public static double Maintenance(double scan, double intra, double credit, double som, double optionContingency, double futuresContingency,
        double netOptionValue, GridGroupParameters p, out bool somBinds, out bool floored)
    {
        double scanPart = scan + intra - credit;
        somBinds = som > scanPart;
        double mm = Math.Max(scanPart, som) + optionContingency + futuresContingency;
        floored = false;
        if (p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
        {
            if (mm - netOptionValue < 0)
            {
                floored = true;
                mm = 0;
            }
            else
            {
                mm -= netOptionValue;
            }
        }

        return mm;
    }

    private static int IndexOf(ReadOnlySpan<string> groups, string group)
    {
        for (int i = 0; i < groups.Length; i++)
        {
            if (string.Equals(groups[i], group, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Inter-group spread credits in priority order (spec §6.2.7): adds each group's credit to <paramref name="credit"/>
    /// (zeroed first); <paramref name="remaining"/> is scratch of the group count.
    /// </summary>
    public static void InterCredits(GridParameters parameters, ReadOnlySpan<string> groups, ReadOnlySpan<double> netDelta, ReadOnlySpan<double> priceRisk,
        Span<double> credit, Span<double> remaining, ImmutableArray<FormedInterSpread>.Builder? formed)
    {
        credit.Clear();
        netDelta.CopyTo(remaining);
        foreach (InterGroupSpread spread in parameters.InterSpreads)
        {
            bool allPresent = true;
            int firstA = -1;
            foreach (InterSpreadLeg leg in spread.Legs)
            {
                int g = IndexOf(groups, leg.Group);
                allPresent &= g >= 0;
                if (firstA < 0 && leg.Side == SpreadSide.A)
                {
                    firstA = g;
                }
            }

            if (!allPresent)
            {
                continue; // a leg's group is not in the book: the spread cannot form
            }

            double signA = Math.Sign(remaining[firstA]);
            bool sidesMatch = signA != 0;
            double n = double.PositiveInfinity;
            foreach (InterSpreadLeg leg in spread.Legs)
            {
                double r = remaining[IndexOf(groups, leg.Group)];
                sidesMatch &= Math.Sign(r) == (leg.Side == SpreadSide.A ? signA : -signA);
                n = Math.Min(n, Math.Abs(r) / leg.DeltaPerSpread);
            }

            if (!sidesMatch || !(n > 0))
            {
                continue;
            }

            ImmutableSortedDictionary<string, double>.Builder? credits = formed is null ? null : ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
            foreach (InterSpreadLeg leg in spread.Legs)
            {
                int g = IndexOf(groups, leg.Group);
                double wpr = Math.Abs(netDelta[g]) > 0 ? priceRisk[g] / Math.Abs(netDelta[g]) : 0;
                double c = n * leg.DeltaPerSpread * wpr * spread.CreditRate;
                credit[g] += c;
                if (credits is not null)
                {
                    credits[leg.Group] = credits.GetValueOrDefault(leg.Group) + c;
                }

                remaining[g] -= Math.Sign(remaining[g]) * n * leg.DeltaPerSpread;
            }

            formed?.Add(new FormedInterSpread(spread, n, credits!.ToImmutable()));
        }
    }
}
