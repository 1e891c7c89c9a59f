using System.Buffers;
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
        var inputs = new GroupInput[groupOrder.Count];
        for (int g = 0; g < inputs.Length; g++)
        {
            GridGroupParameters gp = parameters.For(groupOrder[g]);
            List<int> slots = slotsByGroup[groupOrder[g]];
            int n = slots.Count, s = gp.Scenarios.Count;
            var facts = new PositionFacts[n];
            var pnl = new double[n * s];
            for (int k = 0; k < n; k++)
            {
                GridPosition p = positions[slots[k]];
                CheckArray(p, s);
                facts[k] = new PositionFacts(slots[k], p.Index, k, p.Label, p.Delta, p.DaysToExpiry, p.Kind, p.Units, p.ContractKey, p.UnderlyingPrice, p.Value);
                for (int sc = 0; sc < s; sc++)
                {
                    pnl[(sc * n) + k] = p.Pnl[sc];
                }
            }

            inputs[g] = new GroupInput(groupOrder[g], gp, facts, n, pnl);
        }

        return Compute(modelName, currency, positions.Count, inputs, parameters, keepLosses: true);
    }

    /// <summary>
    /// The computation over groups laid out as arrays (what <see cref="ScenarioGridModel"/> feeds straight from the
    /// revaluation engine's buffers). With <paramref name="keepLosses"/> false the groups' scenario losses are scratch
    /// and <see cref="GridGroupResult.ScenarioLosses"/> is empty.
    /// </summary>
    internal static GridResult Compute(string modelName, Currency currency, int positionCount, GroupInput[] inputs, GridParameters parameters, bool keepLosses)
    {
        var work = new GroupWork[inputs.Length];
        try
        {
            for (int g = 0; g < inputs.Length; g++)
            {
                work[g] = new GroupWork(inputs[g], keepLosses);
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
                GroupWork w = work[g];
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

            var tree = new Breakdown(modelName, parameters.Version, totalMm, totalIm, forTree, groupParameters);
            var result = new MarginResult(modelName, currency, totalIm, totalMm, tree.Build, ImmutableCollectionsMarshal.AsImmutableArray(contributions),
                binding.ToImmutable(), diagnostics.ToImmutable());
            return new GridResult(result, groups.MoveToImmutable(), inter);
        }
        finally
        {
            foreach (GroupWork? w in work)
            {
                w?.Release();
            }
        }
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

    private static ImmutableArray<FormedInterSpread> ApplyInterSpreads(GridParameters parameters, GroupWork[] work)
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

    /// <summary>Per-group state between the two phases (inter spreads need every group's price risk and delta).</summary>
    private sealed class GroupWork
    {
        private readonly GroupInput _in;
        private readonly GridGroupParameters _p;
        private readonly int _s;
        private readonly bool _keepLosses;
        private double[] _losses;
        private List<FormedIntraSpread>? _intra;
        private double[] _intraByTier = [];

        public GroupWork(GroupInput input, bool keepLosses)
        {
            _in = input;
            _p = input.Parameters;
            Group = input.Group;
            _s = _p.Scenarios.Count;
            _keepLosses = keepLosses;
            _losses = keepLosses ? new double[_s] : ArrayPool<double>.Shared.Rent(_s);
            Span<double> losses = Losses;
            losses.Clear();
            int n = input.Count;
            ReadOnlySpan<PositionFacts> facts = input.Facts.AsSpan(0, n);
            double[] pnl = input.Pnl;
            double net = 0, gross = 0;
            for (int k = 0; k < n; k++)
            {
                // L_s = −Σ pnl, position by position in group order.
                int col = facts[k].Column;
                for (int sc = 0; sc < _s; sc++)
                {
                    double v = pnl[(sc * n) + col];
                    if (!double.IsFinite(v))
                    {
                        Guard.ThrowArgument($"Position '{facts[k].Label}' (group {Group}): risk array holds a non-finite value.", "positions");
                    }

                    losses[sc] -= v;
                }

                net += facts[k].Delta;
                gross += Math.Abs(facts[k].Delta);
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

        private Span<double> Losses => _losses.AsSpan(0, _s);

        /// <summary>Returns the pooled scenario losses (when they are scratch).</summary>
        public void Release()
        {
            if (!_keepLosses && _losses.Length > 0)
            {
                ArrayPool<double>.Shared.Return(_losses);
                _losses = [];
            }
        }

        /// <summary>Weighted P&amp;L of position <paramref name="k"/> (group order) in scenario <paramref name="scenario"/>.</summary>
        private double Pnl(int k, int scenario) => _in.Pnl[(scenario * _in.Count) + _in.Facts[k].Column];

        private void ComputeScan()
        {
            (ScanRisk, BindingIndex) = GridGroupMath.Scan(Losses);

            // Time, price and vol risk (diagnostic decomposition; price risk also feeds inter-group WPR).
            var layout = ScenarioLayout.Of(_p.Scenarios, Group);
            Span<double> slotSum = layout.Slots <= 128 ? stackalloc double[layout.Slots] : new double[layout.Slots];
            (TimeRisk, PriceRisk) = GridGroupMath.TimeAndPrice(Losses, layout, slotSum);
        }

        private int TierOf(in PositionFacts p) => GridGroupMath.TierIndex(_p, p.DaysToExpiry);

        private void ComputeIntra()
        {
            if (_p.IntraSpreads.IsEmpty)
            {
                return;
            }

            var tierDelta = new double[_p.IntraTiers.Length];
            foreach (PositionFacts pos in _in.Facts.AsSpan(0, _in.Count))
            {
                int t = GridGroupMath.TierIndex(_p, pos.DaysToExpiry);
                if (t >= 0)
                {
                    tierDelta[t] += pos.Delta;
                }
            }

            _intraByTier = new double[tierDelta.Length];
            _intra = [];
            GridGroupMath.Intra(tierDelta, _p, _intra, _intraByTier);
        }

        public GridGroupResult Finish(PositionContribution[] contributions, ImmutableArray<MarginDiagnostic>.Builder diagnostics)
        {
            int n = _in.Count;
            double[] doubles = ArrayPool<double>.Shared.Rent(Math.Max(1, 3 * n));
            int[] ints = ArrayPool<int>.Shared.Rent(Math.Max(1, 2 * n));
            try
            {
                return Finish(contributions, diagnostics, doubles.AsSpan(0, n), doubles.AsSpan(n, n), doubles.AsSpan(2 * n, n), ints.AsSpan(0, n), ints.AsSpan(n, n));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(doubles);
                ArrayPool<int>.Shared.Return(ints);
            }
        }

        private GridGroupResult Finish(PositionContribution[] contributions, ImmutableArray<MarginDiagnostic>.Builder diagnostics,
            Span<double> share, Span<double> weight, Span<double> contractNet, Span<int> contractOf, Span<int> contractFirst)
        {
            int n = _in.Count;
            ReadOnlySpan<PositionFacts> pos = _in.Facts.AsSpan(0, n);
            share.Clear();
            double intraCharge = 0;
            foreach (FormedIntraSpread x in (IEnumerable<FormedIntraSpread>?)_intra ?? [])
            {
                intraCharge += x.Charge;
            }

            // Short option minimum: net per contract (in order of first appearance), then count short calls and puts.
            int contracts = Contracts(pos, contractNet, contractOf, contractFirst);
            double shortCalls = 0, shortPuts = 0;
            for (int c = 0; c < contracts; c++)
            {
                if (pos[contractFirst[c]].Kind == GridPositionKind.Call)
                {
                    shortCalls += Math.Max(0, -contractNet[c]);
                }
                else
                {
                    shortPuts += Math.Max(0, -contractNet[c]);
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
                for (int i = 0; i < n; i++)
                {
                    PositionFacts p = pos[i];
                    bool counted = (p.Kind == GridPositionKind.Call && callsCount) || (p.Kind == GridPositionKind.Put && putsCount);
                    weight[i] = counted && contractNet[contractOf[i]] < 0 ? Math.Max(0, -p.Units) : 0;
                }

                Allocate(som, share, weight);
                diagnostics.Add(new MarginDiagnostic("SOM_BINDS", string.Create(CultureInfo.InvariantCulture,
                    $"{Group}: short option minimum {som:N2} exceeds scan + intra - credit = {scanPart:N2}.")));
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    share[i] = BindingIndex >= 0 ? -Pnl(i, BindingIndex) : 0;
                }

                for (int tier = 0; tier < _intraByTier.Length; tier++)
                {
                    for (int i = 0; i < n; i++)
                    {
                        weight[i] = TierOf(pos[i]) == tier ? Math.Abs(pos[i].Delta) : 0;
                    }

                    Allocate(_intraByTier[tier], share, weight);
                }

                for (int i = 0; i < n; i++)
                {
                    weight[i] = Math.Abs(pos[i].Delta);
                }

                Allocate(-InterCredit, share, weight);
            }

            // Contingencies: net short options per contract; futures offsetting across expiries.
            double optionContingency = 0;
            for (int c = 0; c < contracts; c++)
            {
                if (contractNet[c] < 0 && _p.ShortOptionContingencyRate > 0)
                {
                    double add = _p.ShortOptionContingencyRate * -contractNet[c] * pos[contractFirst[c]].UnderlyingPrice;
                    optionContingency += add;
                    for (int i = 0; i < n; i++)
                    {
                        weight[i] = contractOf[i] == c ? Math.Max(0, -pos[i].Units) : 0;
                    }

                    Allocate(add, share, weight);
                }
            }

            // Offsetting futures: the smaller of the long and short futures notionals (each at its own reference price).
            double longNotional = 0, shortNotional = 0, nov = 0;
            foreach (PositionFacts p in pos)
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
                for (int i = 0; i < n; i++)
                {
                    weight[i] = pos[i].Kind == GridPositionKind.Future ? Math.Abs(pos[i].Units) * pos[i].UnderlyingPrice : 0;
                }

                Allocate(futuresContingency, share, weight);
            }

            double mm = GridGroupMath.Maintenance(ScanRisk, intraCharge, InterCredit, som, optionContingency, futuresContingency, nov, _p, out _, out bool floored);
            if (floored)
            {
                diagnostics.Add(new MarginDiagnostic("NOV_FLOOR", string.Create(CultureInfo.InvariantCulture,
                    $"{Group}: requirement {Math.Max(scanPart, som) + optionContingency + futuresContingency:N2} less net option value {nov:N2} is negative; floored at 0.")));
                share.Clear();
            }
            else if (_p.NetOptionValue == NetOptionValueHandling.SubtractWithFloor)
            {
                for (int i = 0; i < n; i++)
                {
                    share[i] -= pos[i].Value;
                }
            }

            double ratio = _p.InitialToMaintenance;
            for (int i = 0; i < n; i++)
            {
                PositionFacts p = pos[i];
                contributions[p.Slot] = new PositionContribution(p.Index, p.Label, Group, share[i], share[i] * ratio);
            }

            BindingScenario? binding = null;
            if (BindingIndex >= 0)
            {
                ImmutableArray<Scenario> set = _p.Scenarios.Scenarios;
                ReadOnlySpan<double> losses = Losses;
                double best = losses[BindingIndex];
                ImmutableArray<string>.Builder? ties = null;
                for (int j = 0; j < losses.Length; j++)
                {
                    if (j != BindingIndex && Math.Abs(losses[j] - best) <= TieTolerance * Math.Max(1.0, Math.Abs(best)))
                    {
                        (ties ??= ImmutableArray.CreateBuilder<string>()).Add(set[j].Id);
                    }
                }

                binding = new BindingScenario(Group, set[BindingIndex].Id, set[BindingIndex].Name, best, ties?.ToImmutable() ?? []);
            }

            double volRisk = Math.Max(0, ScanRisk - TimeRisk - PriceRisk);
            return new GridGroupResult(Group, _keepLosses ? ImmutableCollectionsMarshal.AsImmutableArray(_losses) : [], ScanRisk, binding, TimeRisk, PriceRisk, volRisk,
                NetDelta, _intra is null ? [] : [.. _intra], intraCharge, InterCredit, som, optionContingency, futuresContingency, nov, somBinds, floored, mm, mm * ratio);
        }

        /// <summary>
        /// Nets the options per contract (key and call/put) in order of first appearance: <paramref name="net"/> units per
        /// contract, <paramref name="contractOf"/> per position (−1 for non-options), <paramref name="first"/> position per contract.
        /// </summary>
        private static int Contracts(ReadOnlySpan<PositionFacts> pos, Span<double> net, Span<int> contractOf, Span<int> first)
        {
            const int LinearSearchLimit = 16;
            int contracts = 0;
            Dictionary<(string, GridPositionKind), int>? index = null;
            for (int i = 0; i < pos.Length; i++)
            {
                PositionFacts p = pos[i];
                if (p.Kind is not (GridPositionKind.Call or GridPositionKind.Put))
                {
                    contractOf[i] = -1;
                    continue;
                }

                int c = -1;
                if (index is not null)
                {
                    c = index.TryGetValue((p.ContractKey, p.Kind), out int found) ? found : -1;
                }
                else
                {
                    for (int q = 0; q < contracts; q++)
                    {
                        PositionFacts f = pos[first[q]];
                        if (f.Kind == p.Kind && string.Equals(f.ContractKey, p.ContractKey, StringComparison.Ordinal))
                        {
                            c = q;
                            break;
                        }
                    }
                }

                if (c < 0)
                {
                    c = contracts++;
                    first[c] = i;
                    net[c] = 0;
                    if (index is not null)
                    {
                        index.Add((p.ContractKey, p.Kind), c);
                    }
                    else if (contracts > LinearSearchLimit)
                    {
                        index = new Dictionary<(string, GridPositionKind), int>(2 * contracts);
                        for (int q = 0; q < contracts; q++)
                        {
                            index.Add((pos[first[q]].ContractKey, pos[first[q]].Kind), q);
                        }
                    }
                }

                contractOf[i] = c;
                net[c] += p.Units;
            }

            return contracts;
        }

        /// <summary>Adds <paramref name="amount"/> to <paramref name="share"/> in proportion to <paramref name="weight"/> (exactly, the remainder to the last weighted item).</summary>
        private static void Allocate(double amount, Span<double> share, ReadOnlySpan<double> weight)
        {
            if (amount == 0)
            {
                return;
            }

            double total = 0;
            int last = -1;
            for (int i = 0; i < share.Length; i++)
            {
                double w = weight[i];
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
                double w = weight[i];
                if (w > 0)
                {
                    double part = amount * (w / total);
                    share[i] += part;
                    given += part;
                }
            }

            share[last] += amount - given;
        }
    }

    /// <summary>One position's facts as the group rules need them (everything but its risk array).</summary>
    /// <param name="Slot">Index into the result's contributions.</param>
    /// <param name="Index">Position index reported in its contribution.</param>
    /// <param name="Column">Column of its risk array in the group's scenario-major P&amp;L block.</param>
    /// <param name="Label">Display label.</param>
    /// <param name="Delta">Delta in units of underlying.</param>
    /// <param name="DaysToExpiry">Days to expiry.</param>
    /// <param name="Kind">Spot, future, call or put.</param>
    /// <param name="Units">Signed units (<c>q·m</c> for options, delta otherwise).</param>
    /// <param name="ContractKey">Contract identity for netting.</param>
    /// <param name="UnderlyingPrice">Reference price in the report currency.</param>
    /// <param name="Value">Marked option value in the report currency.</param>
    internal readonly record struct PositionFacts(int Slot, int Index, int Column, string Label, double Delta, double DaysToExpiry, GridPositionKind Kind,
        double Units, string ContractKey, double UnderlyingPrice, double Value);

    /// <summary>
    /// One risk group laid out for the calculator: <paramref name="Count"/> positions' facts (in group order) and their
    /// weighted P&amp;L scenario-major, <c>Pnl[s·Count + Facts[k].Column]</c>. The arrays may be pooled and longer than needed.
    /// </summary>
    /// <param name="Group">Risk group.</param>
    /// <param name="Parameters">The group's parameters.</param>
    /// <param name="Facts">Facts per position (first <paramref name="Count"/> used).</param>
    /// <param name="Count">Number of positions.</param>
    /// <param name="Pnl">Scenario-major weighted P&amp;L.</param>
    internal readonly record struct GroupInput(string Group, GridGroupParameters Parameters, PositionFacts[] Facts, int Count, double[] Pnl);

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
