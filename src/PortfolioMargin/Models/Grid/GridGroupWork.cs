using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>Per-group state between the two phases (inter spreads need every group's price risk and delta).</summary>
internal sealed class GridGroupWork
{
    private readonly GridGroupInput _in;
    private readonly GridGroupParameters _p;
    private readonly int _s;
    private readonly bool _keepLosses;
    private double[] _losses;
    private List<FormedIntraSpread>? _intra;
    private double[] _intraByTier = [];

    public GridGroupWork(GridGroupInput input, bool keepLosses)
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
        ReadOnlySpan<GridPositionFacts> facts = input.Facts.AsSpan(0, n);
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

        NetDelta = DeltaSpreads.Snap(net, gross);

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
        (ScanRisk, BindingIndex) = Models.ScanRisk.Of(Losses);

        // Time, price and vol risk (diagnostic decomposition; price risk also feeds inter-group WPR).
        var layout = GridScanLayouts.Of(_p.Scenarios, Group);
        Span<double> slotSum = layout.Slots <= 128 ? stackalloc double[layout.Slots] : new double[layout.Slots];
        (TimeRisk, PriceRisk) = GridGroupMath.TimeAndPrice(Losses, layout, slotSum);
    }

    private int TierOf(in GridPositionFacts p) => GridGroupMath.TierIndex(_p, p.DaysToExpiry);

    private void ComputeIntra()
    {
        if (_p.IntraSpreads.IsEmpty)
        {
            return;
        }

        var tierDelta = new double[_p.IntraTiers.Length];
        foreach (GridPositionFacts pos in _in.Facts.AsSpan(0, _in.Count))
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

    /// <summary>The pooled per-position scratch of <see cref="Finish(PositionContribution[], ImmutableArray{MarginDiagnostic}.Builder)"/>.</summary>
    private ref struct Scratch
    {
        public Span<double> Share;
        public Span<double> Weight;
        public Span<double> ContractNet;
        public Span<int> ContractOf;
        public Span<int> ContractFirst;
        public int Contracts;
    }

    private GridGroupResult Finish(PositionContribution[] contributions, ImmutableArray<MarginDiagnostic>.Builder diagnostics,
        Span<double> share, Span<double> weight, Span<double> contractNet, Span<int> contractOf, Span<int> contractFirst)
    {
        int n = _in.Count;
        ReadOnlySpan<GridPositionFacts> pos = _in.Facts.AsSpan(0, n);
        share.Clear();
        var x = new Scratch { Share = share, Weight = weight, ContractNet = contractNet, ContractOf = contractOf, ContractFirst = contractFirst };
        double intraCharge = 0;
        foreach (FormedIntraSpread f in (IEnumerable<FormedIntraSpread>?)_intra ?? [])
        {
            intraCharge += f.Charge;
        }

        // Short option minimum: net per contract (in order of first appearance), then count short calls and puts.
        x.Contracts = Contracts(pos, contractNet, contractOf, contractFirst);
        (double shortCalls, double shortPuts) = ShortSides(pos, x);
        double som = GridGroupMath.ShortOptionMinimum(shortCalls, shortPuts, _p);
        double scanPart = ScanRisk + intraCharge - InterCredit;
        ShortOptionMinimum.Requirement(scanPart, som, out bool somBinds);
        if (somBinds)
        {
            AllocateSom(pos, x, som, shortCalls, shortPuts);
            diagnostics.Add(new MarginDiagnostic("SOM_BINDS", string.Create(CultureInfo.InvariantCulture,
                $"{Group}: short option minimum {som:N2} exceeds scan + intra - credit = {scanPart:N2}.")));
        }
        else
        {
            AllocateScanSpreadsAndCredit(pos, x);
        }

        double optionContingency = OptionContingency(pos, x);
        (double futuresContingency, double nov) = FuturesContingencyAndNov(pos, x);
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
            GridPositionFacts p = pos[i];
            contributions[p.Slot] = new PositionContribution(p.Index, p.Label, Group, share[i] + 0.0, (share[i] * ratio) + 0.0);
        }

        double volRisk = Math.Max(0, ScanRisk - TimeRisk - PriceRisk);
        return new GridGroupResult(Group, _keepLosses ? ImmutableCollectionsMarshal.AsImmutableArray(_losses) : [], ScanRisk, Binding(), TimeRisk, PriceRisk, volRisk,
            NetDelta, _intra is null ? [] : [.. _intra], intraCharge, InterCredit, som, optionContingency, futuresContingency, nov, somBinds, floored, mm, mm * ratio);
    }

    /// <summary>Net short call and put units over the contracts.</summary>
    private static (double Calls, double Puts) ShortSides(ReadOnlySpan<GridPositionFacts> pos, in Scratch x)
    {
        double shortCalls = 0, shortPuts = 0;
        for (int c = 0; c < x.Contracts; c++)
        {
            if (pos[x.ContractFirst[c]].Kind == GridPositionKind.Call)
            {
                shortCalls += Math.Max(0, -x.ContractNet[c]);
            }
            else
            {
                shortPuts += Math.Max(0, -x.ContractNet[c]);
            }
        }

        return (shortCalls, shortPuts);
    }

    /// <summary>A binding SOM goes to the net short options of the charged side(s), by short units.</summary>
    private void AllocateSom(ReadOnlySpan<GridPositionFacts> pos, in Scratch x, double som, double shortCalls, double shortPuts)
    {
        (bool callsCount, bool putsCount) = ShortOptionMinimum.ChargedSides(shortCalls, shortPuts, _p.ShortOptionMinimumMethod);
        for (int i = 0; i < pos.Length; i++)
        {
            GridPositionFacts p = pos[i];
            bool counted = (p.Kind == GridPositionKind.Call && callsCount) || (p.Kind == GridPositionKind.Put && putsCount);
            x.Weight[i] = counted && x.ContractNet[x.ContractOf[i]] < 0 ? Math.Max(0, -p.Units) : 0;
        }

        Allocate(som, x.Share, x.Weight);
    }

    /// <summary>Scan risk by each position's loss in the binding scenario; each intra charge over its tiers by |delta|; the inter credit by |delta|.</summary>
    private void AllocateScanSpreadsAndCredit(ReadOnlySpan<GridPositionFacts> pos, in Scratch x)
    {
        int n = pos.Length;
        for (int i = 0; i < n; i++)
        {
            x.Share[i] = BindingIndex >= 0 ? -Pnl(i, BindingIndex) : 0;
        }

        for (int tier = 0; tier < _intraByTier.Length; tier++)
        {
            for (int i = 0; i < n; i++)
            {
                x.Weight[i] = TierOf(pos[i]) == tier ? Math.Abs(pos[i].Delta) : 0;
            }

            Allocate(_intraByTier[tier], x.Share, x.Weight);
        }

        for (int i = 0; i < n; i++)
        {
            x.Weight[i] = Math.Abs(pos[i].Delta);
        }

        Allocate(-InterCredit, x.Share, x.Weight);
    }

    /// <summary>The short-option contingency per net short contract, allocated to the contract's short positions.</summary>
    private double OptionContingency(ReadOnlySpan<GridPositionFacts> pos, in Scratch x)
    {
        double total = 0;
        for (int c = 0; c < x.Contracts; c++)
        {
            if (x.ContractNet[c] < 0 && _p.ShortOptionContingencyRate > 0)
            {
                double add = _p.ShortOptionContingencyRate * -x.ContractNet[c] * pos[x.ContractFirst[c]].UnderlyingPrice;
                total += add;
                for (int i = 0; i < pos.Length; i++)
                {
                    x.Weight[i] = x.ContractOf[i] == c ? Math.Max(0, -pos[i].Units) : 0;
                }

                Allocate(add, x.Share, x.Weight);
            }
        }

        return total;
    }

    /// <summary>The offsetting-futures add-on (the smaller of the long and short futures notionals, each at its own reference price), allocated by notional; and the net option value.</summary>
    private (double FuturesContingency, double Nov) FuturesContingencyAndNov(ReadOnlySpan<GridPositionFacts> pos, in Scratch x)
    {
        double longNotional = 0, shortNotional = 0, nov = 0;
        foreach (GridPositionFacts p in pos)
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
            for (int i = 0; i < pos.Length; i++)
            {
                x.Weight[i] = pos[i].Kind == GridPositionKind.Future ? Math.Abs(pos[i].Units) * pos[i].UnderlyingPrice : 0;
            }

            Allocate(futuresContingency, x.Share, x.Weight);
        }

        return (futuresContingency, nov);
    }

    /// <summary>The binding scenario with its ties (<see cref="ScanRisk.Ties"/>), or null when nothing loses.</summary>
    private BindingScenario? Binding()
    {
        if (BindingIndex < 0)
        {
            return null;
        }

        ImmutableArray<Scenario> set = _p.Scenarios.Scenarios;
        ReadOnlySpan<double> losses = Losses;
        ImmutableArray<string>.Builder? ties = null;
        for (int j = 0; j < losses.Length; j++)
        {
            if (Models.ScanRisk.Ties(losses, BindingIndex, j))
            {
                (ties ??= ImmutableArray.CreateBuilder<string>()).Add(set[j].Id);
            }
        }

        return new BindingScenario(Group, set[BindingIndex].Id, set[BindingIndex].Name, losses[BindingIndex], ties?.ToImmutable() ?? []);
    }

    /// <summary>
    /// Nets the options per contract (key and call/put) in order of first appearance: <paramref name="net"/> units per
    /// contract, <paramref name="contractOf"/> per position (−1 for non-options), <paramref name="first"/> position per contract.
    /// </summary>
    private static int Contracts(ReadOnlySpan<GridPositionFacts> pos, Span<double> net, Span<int> contractOf, Span<int> first)
    {
        const int LinearSearchLimit = 16;
        int contracts = 0;
        Dictionary<(string, GridPositionKind), int>? index = null;
        for (int i = 0; i < pos.Length; i++)
        {
            GridPositionFacts p = pos[i];
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
                    GridPositionFacts f = pos[first[q]];
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
