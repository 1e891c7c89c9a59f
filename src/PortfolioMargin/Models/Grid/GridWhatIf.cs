using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Pricing;
using PortfolioMargin.Revaluation;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.Grid;

/// <summary>
/// Incremental what-if / pre-trade calculator for the scenario-grid model. It keeps, per risk group, the scenario
/// loss vector <c>L_g[s]</c>, the net delta and net delta per expiry tier, the net units per option contract, the
/// futures long/short notionals and the net option value. An order is resolved against the same snapshot, each of its
/// positions revalued under its group's scenarios (O(S) per order position, scalar full revaluation), added to copies
/// of the affected groups' state, and every group's requirement recomputed through the same formulas as
/// <see cref="GridCalculator"/> (inter-group credits included). Immutable and thread-safe.
/// </summary>
/// <remarks>
/// <para>Equal to <see cref="ScenarioGridModel.Calculate"/> of <c>Portfolio.Add(order)</c> up to floating-point rounding
/// (the book's arrays come from the vectorized engine, the order's from the scalar reference; relative differences
/// ~1e-15).</para>
/// <para><see cref="WhatIf"/> allocates only its result (pooled scratch otherwise). Option positions are netted per
/// instrument (record equality), which equals the grid's netting by instrument name unless two different instruments
/// were given the same explicit name.</para>
/// </remarks>
public sealed class GridWhatIf : IWhatIfCalculator
{
    private readonly GroupState[] _groups;
    private readonly ConcurrentDictionary<string, GroupTemplate> _templates;
    private readonly Lazy<GridResult> _detailed;
    private readonly double _daysPerYear;

    /// <summary>Builds the calculator for a resolved book (one full revaluation).</summary>
    /// <param name="model">The grid model.</param>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <exception cref="KeyNotFoundException">A group of the book has no parameters.</exception>
    public GridWhatIf(ScenarioGridModel model, ResolvedPortfolio book)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        Model = model;
        Portfolio = book.Portfolio;
        Market = book.Market;
        _daysPerYear = Market.DayCount.DaysPerYear();
        _templates = new ConcurrentDictionary<string, GroupTemplate>(StringComparer.Ordinal);
        List<GridPosition> inputs = model.Inputs(book);
        _detailed = new Lazy<GridResult>(() => GridCalculator.Compute(model.Name, Market.ReportCurrency, inputs, model.Parameters));
        _groups = new GroupState[book.Underlyings.Length];
        for (int u = 0; u < _groups.Length; u++)
        {
            _groups[u] = GroupState.Empty(Template(book.Underlyings[u]));
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            _groups[book.UnderlyingIndex[i]].AddBookPosition(inputs[i], Portfolio[i].Instrument);
        }

        foreach (GroupState g in _groups)
        {
            g.FinishBook();
        }

        Settle(_groups);
    }

    private GridWhatIf(GridWhatIf from, GroupState[] groups, Portfolio portfolio)
    {
        Model = from.Model;
        Market = from.Market;
        Portfolio = portfolio;
        _daysPerYear = from._daysPerYear;
        _templates = from._templates;
        _groups = groups;
        _detailed = new Lazy<GridResult>(() => Model.CalculateDetailed(ResolvedPortfolio.Resolve(portfolio, Market)));
        Settle(_groups);
    }

    /// <summary>Resolves <paramref name="book"/> against <paramref name="market"/> and builds the calculator.</summary>
    /// <param name="model">The grid model.</param>
    /// <param name="book">The book.</param>
    /// <param name="market">The snapshot.</param>
    /// <returns>The calculator.</returns>
    public static GridWhatIf Create(ScenarioGridModel model, Portfolio book, MarketSnapshot market) => new(model, ResolvedPortfolio.Resolve(book, market));

    /// <summary>The grid model.</summary>
    public ScenarioGridModel Model { get; }

    /// <inheritdoc />
    public Portfolio Portfolio { get; }

    /// <inheritdoc />
    public MarketSnapshot Market { get; }

    /// <inheritdoc />
    public double InitialMargin { get; private set; }

    /// <inheritdoc />
    public double MaintenanceMargin { get; private set; }

    /// <summary>The full grid result of the book (computed on first use; for an applied calculator by a full recomputation).</summary>
    public GridResult Detailed => _detailed.Value;

    /// <inheritdoc />
    public WhatIfResult WhatIf(params ReadOnlySpan<Position> order) => Evaluate(order, apply: false, out _);

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfCalculator.Apply(params ReadOnlySpan<Position> order) => Apply(order);

    /// <summary>A new calculator holding the book with <paramref name="order"/> added (updated incrementally); this one is unchanged.</summary>
    /// <param name="order">Signed positions to add.</param>
    /// <returns>The calculator for <c>Portfolio.Add(order)</c>.</returns>
    /// <exception cref="MissingMarketDataException">Market data an order position needs is missing (names the instrument).</exception>
    public GridWhatIf Apply(params ReadOnlySpan<Position> order)
    {
        Evaluate(order, apply: true, out GridWhatIf? applied);
        return applied!;
    }

    /// <summary>Computes inter-group credits and group requirements of settled state and the totals.</summary>
    private void Settle(GroupState[] groups)
    {
        int g = groups.Length;
        var names = new string[g];
        var delta = new double[g];
        var price = new double[g];
        var credit = new double[g];
        for (int i = 0; i < g; i++)
        {
            names[i] = groups[i].T.Symbol;
            delta[i] = DeltaSpreads.Snap(groups[i].A.NetDelta, groups[i].A.GrossDelta);
            price[i] = groups[i].D.Price;
        }

        GridGroupMath.InterCredits(Model.Parameters, names, delta, price, credit, new double[g], null);
        double mm = 0, im = 0;
        for (int i = 0; i < g; i++)
        {
            groups[i].Maintenance = Requirement(groups[i].T.P, groups[i].D, groups[i].A, credit[i]);
            mm += groups[i].Maintenance;
            im += groups[i].Maintenance * groups[i].T.P.InitialToMaintenance;
        }

        MaintenanceMargin = mm;
        InitialMargin = im;
    }

    private static double Requirement(GridGroupParameters p, in Derived d, in Aggregates a, double credit) =>
        GridGroupMath.Maintenance(d.Scan, d.Intra, credit, d.Som, a.OptionContingency, d.FuturesContingency, a.Nov, p, out _, out _);

    private GroupTemplate Template(Underlying underlying)
    {
        if (_templates.TryGetValue(underlying.Symbol, out GroupTemplate? t))
        {
            return t.Underlying == underlying
                ? t
                : throw new ArgumentException($"Two different underlyings share the symbol '{underlying.Symbol}'.", nameof(underlying));
        }

        return _templates.GetOrAdd(underlying.Symbol, _ => new GroupTemplate(underlying, Model.Parameters.For(underlying.Symbol), Market));
    }

    private int GroupIndexOf(string symbol, ReadOnlySpan<GroupTemplate?> opened, int openedCount)
    {
        for (int i = 0; i < _groups.Length; i++)
        {
            if (string.Equals(_groups[i].T.Symbol, symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }

        for (int i = 0; i < openedCount; i++)
        {
            if (string.Equals(opened[i]!.Symbol, symbol, StringComparison.Ordinal))
            {
                return _groups.Length + i;
            }
        }

        return -1;
    }

    private WhatIfResult Evaluate(ReadOnlySpan<Position> order, bool apply, out GridWhatIf? applied)
    {
        int k = order.Length, g0 = _groups.Length;
        Leg[] legs = ArrayPool<Leg>.Shared.Rent(Math.Max(1, k));
        GroupTemplate?[] opened = ArrayPool<GroupTemplate?>.Shared.Rent(Math.Max(1, k));
        int[] affected = ArrayPool<int>.Shared.Rent(Math.Max(1, k));
        Aggregates[] aggs = ArrayPool<Aggregates>.Shared.Rent(Math.Max(1, k));
        Derived[] derived = ArrayPool<Derived>.Shared.Rent(g0 + k);
        string[] names = ArrayPool<string>.Shared.Rent(g0 + k);
        double[] numbers = ArrayPool<double>.Shared.Rent(4 * (g0 + k));
        double[]? work = null;
        try
        {
            // 1. Resolve the order's positions and find (or open) their groups.
            int openedCount = 0, affectedCount = 0;
            for (int j = 0; j < k; j++)
            {
                Position p = order[j] ?? throw new ArgumentException($"Order position #{j} is null.", nameof(order));
                int gi = GroupIndexOf(p.Instrument.Underlying.Symbol, opened, openedCount);
                GroupTemplate t = gi >= 0 ? (gi < g0 ? _groups[gi].T : opened[gi - g0]!) : Template(p.Instrument.Underlying);
                if (t.Underlying != p.Instrument.Underlying)
                {
                    throw new ArgumentException($"Order position '{p}': its underlying differs from the book's underlying with symbol '{t.Symbol}'.", nameof(order));
                }

                if (gi < 0)
                {
                    opened[openedCount] = t;
                    gi = g0 + openedCount++;
                }

                legs[j] = Leg.Resolve(p, gi, t, Market, _daysPerYear);
                int a = Array.IndexOf(affected, gi, 0, affectedCount);
                if (a < 0)
                {
                    affected[affectedCount++] = gi;
                }
            }

            // 2. Copy the affected groups' state and add the order's risk arrays and facts.
            int workLength = 0;
            for (int a = 0; a < affectedCount; a++)
            {
                GroupTemplate t = TemplateAt(affected[a], opened);
                workLength += t.Scenarios.Length + (2 * t.P.IntraTiers.Length) + t.Layout.Slots;
            }

            work = ArrayPool<double>.Shared.Rent(Math.Max(1, workLength));
            int offset = 0;
            for (int a = 0; a < affectedCount; a++)
            {
                int gi = affected[a];
                GroupTemplate t = TemplateAt(gi, opened);
                int s = t.Scenarios.Length, tiers = t.P.IntraTiers.Length;
                Span<double> losses = work.AsSpan(offset, s), tierDelta = work.AsSpan(offset + s, tiers);
                if (gi < g0)
                {
                    _groups[gi].Losses.CopyTo(losses);
                    _groups[gi].TierDelta.CopyTo(tierDelta);
                    aggs[a] = _groups[gi].A;
                }
                else
                {
                    losses.Clear();
                    tierDelta.Clear();
                    aggs[a] = default;
                }

                for (int j = 0; j < k; j++)
                {
                    if (legs[j].Group == gi)
                    {
                        AddLeg(ref aggs[a], losses, tierDelta, t, legs, j, gi < g0 ? _groups[gi] : null);
                    }
                }

                // Intra consumes its tier deltas: keep the summed ones, work on a copy.
                Span<double> consumed = work.AsSpan(offset + s + tiers, tiers);
                tierDelta.CopyTo(consumed);
                derived[gi] = Derive(t, losses, consumed, aggs[a], work.AsSpan(offset + s + (2 * tiers), t.Layout.Slots));
                offset += s + (2 * tiers) + t.Layout.Slots;
            }

            // 3. Inter-group credits over all groups, then every group's requirement.
            int gAll = g0 + openedCount;
            Span<double> delta = numbers.AsSpan(0, gAll), price = numbers.AsSpan(gAll, gAll), credit = numbers.AsSpan(2 * gAll, gAll), remaining = numbers.AsSpan(3 * gAll, gAll);
            for (int gi = 0; gi < gAll; gi++)
            {
                int a = Array.IndexOf(affected, gi, 0, affectedCount);
                if (a < 0)
                {
                    derived[gi] = _groups[gi].D;
                }

                names[gi] = TemplateAt(gi, opened).Symbol;
                delta[gi] = a < 0 ? DeltaSpreads.Snap(_groups[gi].A.NetDelta, _groups[gi].A.GrossDelta) : DeltaSpreads.Snap(aggs[a].NetDelta, aggs[a].GrossDelta);
                price[gi] = derived[gi].Price;
            }

            GridGroupMath.InterCredits(Model.Parameters, names.AsSpan(0, gAll), delta, price, credit, remaining, null);
            var groups = new WhatIfGroupResult[gAll];
            double mmAfter = 0, imAfter = 0;
            for (int gi = 0; gi < gAll; gi++)
            {
                int a = Array.IndexOf(affected, gi, 0, affectedCount);
                GroupTemplate t = TemplateAt(gi, opened);
                double mm = Requirement(t.P, derived[gi], a < 0 ? _groups[gi].A : aggs[a], credit[gi]);
                double ratio = t.P.InitialToMaintenance;
                double mmBefore = gi < g0 ? _groups[gi].Maintenance : 0;
                mmAfter += mm;
                imAfter += mm * ratio;
                int b = derived[gi].Binding;
                groups[gi] = new WhatIfGroupResult(t.Symbol, mmBefore, mm, mmBefore * ratio, mm * ratio, derived[gi].Scan, b >= 0 ? t.Scenarios[b].Id : null);
            }

            applied = null;
            if (apply)
            {
                var states = new GroupState[gAll];
                Array.Copy(_groups, states, g0);
                offset = 0;
                for (int a = 0; a < affectedCount; a++)
                {
                    int gi = affected[a];
                    GroupTemplate t = TemplateAt(gi, opened);
                    int s = t.Scenarios.Length, tiers = t.P.IntraTiers.Length;
                    states[gi] = GroupState.After(t, gi < g0 ? _groups[gi] : null, work.AsSpan(offset, s), work.AsSpan(offset + s, tiers), aggs[a], derived[gi], legs.AsSpan(0, k), gi);
                    offset += s + (2 * tiers) + t.Layout.Slots;
                }

                applied = new GridWhatIf(this, states, Portfolio.Add(order.ToArray()));
            }

            return new WhatIfResult(Market.ReportCurrency, InitialMargin, imAfter, MaintenanceMargin, mmAfter, ImmutableCollectionsMarshal.AsImmutableArray(groups));
        }
        finally
        {
            ArrayPool<Leg>.Shared.Return(legs, clearArray: true);
            ArrayPool<GroupTemplate?>.Shared.Return(opened, clearArray: true);
            ArrayPool<int>.Shared.Return(affected);
            ArrayPool<Aggregates>.Shared.Return(aggs);
            ArrayPool<Derived>.Shared.Return(derived);
            ArrayPool<string>.Shared.Return(names, clearArray: true);
            ArrayPool<double>.Shared.Return(numbers);
            if (work is not null)
            {
                ArrayPool<double>.Shared.Return(work);
            }
        }
    }

    private GroupTemplate TemplateAt(int gi, GroupTemplate?[] opened) => gi < _groups.Length ? _groups[gi].T : opened[gi - _groups.Length]!;

    /// <summary>Adds order leg <paramref name="j"/> to a group's working state (the same per-position rules as <see cref="GridCalculator"/>).</summary>
    private static void AddLeg(ref Aggregates agg, Span<double> losses, Span<double> tierDelta, GroupTemplate t, Leg[] legs, int j, GroupState? book)
    {
        ref readonly Leg leg = ref legs[j];
        ImmutableArray<Scenario> set = t.Scenarios;
        double daysPerYear = leg.DaysPerYear;
        for (int s = 0; s < losses.Length; s++)
        {
            losses[s] -= RiskGroup.ScalarPnl(leg.Resolved, set[s], daysPerYear);
        }

        agg.NetDelta += leg.Delta;
        agg.GrossDelta += Math.Abs(leg.Delta);
        int tier = GridGroupMath.TierIndex(t.P, leg.DaysToExpiry);
        if (tier >= 0)
        {
            tierDelta[tier] += leg.Delta;
        }

        if (leg.GridKind is GridPositionKind.Call or GridPositionKind.Put)
        {
            double before = 0, price = leg.UnderlyingPrice;
            if (book is not null && book.Contracts.TryGetValue(leg.Instrument, out ContractNet c))
            {
                before = c.Net;
                price = c.Price;
            }

            for (int e = 0; e < j; e++)
            {
                if (legs[e].Group == leg.Group && legs[e].Instrument.Equals(leg.Instrument))
                {
                    before += legs[e].Units;
                }
            }

            double after = before + leg.Units;
            double change = Math.Max(0, -after) - Math.Max(0, -before);
            if (leg.GridKind == GridPositionKind.Call)
            {
                agg.ShortCalls += change;
            }
            else
            {
                agg.ShortPuts += change;
            }

            if (t.P.ShortOptionContingencyRate > 0)
            {
                agg.OptionContingency += t.P.ShortOptionContingencyRate * change * price;
            }
        }
        else if (leg.GridKind == GridPositionKind.Future)
        {
            agg.LongNotional += Math.Max(0, leg.Units) * leg.UnderlyingPrice;
            agg.ShortNotional += Math.Max(0, -leg.Units) * leg.UnderlyingPrice;
        }

        agg.Nov += leg.Value;
    }

    /// <summary>Scan, time/price risk, intra charge, SOM and futures add-on of a group's (working) state.</summary>
    private static Derived Derive(GroupTemplate t, ReadOnlySpan<double> losses, Span<double> tierDelta, in Aggregates a, Span<double> slotScratch)
    {
        (double scan, int binding) = ScanRisk.Of(losses);
        (double time, double price) = GridGroupMath.TimeAndPrice(losses, t.Layout, slotScratch);
        double intra = t.P.IntraSpreads.IsEmpty ? 0 : GridGroupMath.Intra(tierDelta, t.P, null, default);
        double som = GridGroupMath.ShortOptionMinimum(a.ShortCalls, a.ShortPuts, t.P);
        double fut = GridGroupMath.FuturesContingency(a.LongNotional, a.ShortNotional, t.P);
        return new Derived(scan, binding, time, price, intra, som, fut);
    }

    /// <summary>Per-group constants: parameters, scenario layout.</summary>
    private sealed class GroupTemplate
    {
        public GroupTemplate(Underlying underlying, GridGroupParameters p, MarketSnapshot market)
        {
            Underlying = underlying;
            P = p;
            Layout = GridScanLayouts.Of(p.Scenarios, underlying.Symbol);
            BaseFx = TryFx(market, underlying.BaseCurrency);
            QuoteFx = TryFx(market, underlying.QuoteCurrency);
        }

        /// <summary>Report-currency value of one base coin (NaN when the snapshot has no rate; the order's lookup then throws naming it).</summary>
        public double BaseFx { get; }

        /// <summary>Report-currency value of one unit of the quote currency (NaN when missing).</summary>
        public double QuoteFx { get; }

        private static double TryFx(MarketSnapshot market, Currency currency)
        {
            try
            {
                return market.FxToReport(currency);
            }
            catch (MissingMarketDataException)
            {
                return double.NaN;
            }
        }

        public Underlying Underlying { get; }

        public string Symbol => Underlying.Symbol;

        public GridGroupParameters P { get; }

        public ImmutableArray<Scenario> Scenarios => P.Scenarios.Scenarios;

        public ScanLayout Layout { get; }
    }

    /// <summary>Additive per-group facts (each order position adds to them).</summary>
    private struct Aggregates
    {
        public double NetDelta;
        public double GrossDelta;
        public double ShortCalls;
        public double ShortPuts;
        public double OptionContingency;
        public double LongNotional;
        public double ShortNotional;
        public double Nov;
    }

    private readonly record struct Derived(double Scan, int Binding, double Time, double Price, double Intra, double Som, double FuturesContingency);

    private readonly record struct ContractNet(double Net, double Price);

    /// <summary>One group's settled state. Never mutated once the calculator that owns it is built.</summary>
    private sealed class GroupState
    {
        private GroupState(GroupTemplate t, double[] losses, double[] tierDelta, Dictionary<Instrument, ContractNet> contracts)
        {
            T = t;
            Losses = losses;
            TierDelta = tierDelta;
            Contracts = contracts;
        }

        public GroupTemplate T { get; }

        public double[] Losses { get; }

        public double[] TierDelta { get; }

        public Dictionary<Instrument, ContractNet> Contracts { get; }

        public Aggregates A;

        public Derived D { get; private set; }

        public double Maintenance { get; set; }

        public static GroupState Empty(GroupTemplate t) => new(t, new double[t.Scenarios.Length], new double[t.P.IntraTiers.Length], []);

        public void AddBookPosition(GridPosition p, Instrument instrument)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(Losses, p.Pnl.AsSpan(), Losses);
            A.NetDelta += p.Delta;
            A.GrossDelta += Math.Abs(p.Delta);
            int tier = GridGroupMath.TierIndex(T.P, p.DaysToExpiry);
            if (tier >= 0)
            {
                TierDelta[tier] += p.Delta;
            }

            if (p.Kind is GridPositionKind.Call or GridPositionKind.Put)
            {
                ContractNet c = Contracts.GetValueOrDefault(instrument, new ContractNet(0, p.UnderlyingPrice));
                Contracts[instrument] = c with { Net = c.Net + p.Units };
            }
            else if (p.Kind == GridPositionKind.Future)
            {
                A.LongNotional += Math.Max(0, p.Units) * p.UnderlyingPrice;
                A.ShortNotional += Math.Max(0, -p.Units) * p.UnderlyingPrice;
            }

            A.Nov += p.Value;
        }

        public void FinishBook()
        {
            foreach (var (instrument, c) in Contracts)
            {
                double shortUnits = Math.Max(0, -c.Net);
                if (instrument is EuropeanOption { Right: OptionRight.Call })
                {
                    A.ShortCalls += shortUnits;
                }
                else
                {
                    A.ShortPuts += shortUnits;
                }

                if (c.Net < 0 && T.P.ShortOptionContingencyRate > 0)
                {
                    A.OptionContingency += T.P.ShortOptionContingencyRate * shortUnits * c.Price;
                }
            }

            double[] consumed = [.. TierDelta];
            D = Derive(T, Losses, consumed, A, new double[T.Layout.Slots]);
        }

        public static GroupState After(GroupTemplate t, GroupState? before, ReadOnlySpan<double> losses, ReadOnlySpan<double> tierDelta, Aggregates a,
            Derived d, ReadOnlySpan<Leg> legs, int group)
        {
            var contracts = before is null ? new Dictionary<Instrument, ContractNet>() : new Dictionary<Instrument, ContractNet>(before.Contracts);
            foreach (ref readonly Leg leg in legs)
            {
                if (leg.Group == group && leg.GridKind is GridPositionKind.Call or GridPositionKind.Put)
                {
                    ContractNet c = contracts.GetValueOrDefault(leg.Instrument, new ContractNet(0, leg.UnderlyingPrice));
                    contracts[leg.Instrument] = c with { Net = c.Net + leg.Units };
                }
            }

            return new GroupState(t, losses.ToArray(), tierDelta.ToArray(), contracts) { A = a, D = d };
        }
    }

    /// <summary>An order position resolved against the snapshot, with the facts the grid needs.</summary>
    private readonly struct Leg
    {
        private Leg(ResolvedLeg resolved, Instrument instrument, int group, double daysPerYear, double delta, double units, GridPositionKind kind,
            double underlyingPrice, double value)
        {
            Resolved = resolved;
            Instrument = instrument;
            Group = group;
            DaysPerYear = daysPerYear;
            Delta = delta;
            Units = units;
            GridKind = kind;
            UnderlyingPrice = underlyingPrice;
            Value = value;
        }

        public ResolvedLeg Resolved { get; }

        public Instrument Instrument { get; }

        public int Group { get; }

        public double DaysPerYear { get; }

        public double DaysToExpiry => Resolved.Time * DaysPerYear;

        public double Delta { get; }

        public double Units { get; }

        public GridPositionKind GridKind { get; }

        public double UnderlyingPrice { get; }

        public double Value { get; }

        /// <summary>Resolves with the one resolver (<see cref="ResolvedLeg.Resolve"/>) and derives delta, units and value like <see cref="ScenarioGridModel.Inputs"/>.</summary>
        public static Leg Resolve(Position p, int group, GroupTemplate t, MarketSnapshot m, double daysPerYear)
        {
            ResolvedLeg resolved = ResolvedLeg.Resolve(p, m);
            Instrument ins = p.Instrument;
            (double delta, double value) = PortfolioValuation.DeltaAndValue(resolved);
            GridPositionKind kind = ins.Kind switch
            {
                InstrumentKind.Spot => GridPositionKind.Spot,
                InstrumentKind.LinearOption or InstrumentKind.InverseOption => resolved.Omega > 0 ? GridPositionKind.Call : GridPositionKind.Put,
                _ => GridPositionKind.Future,
            };
            bool isOption = kind is GridPositionKind.Call or GridPositionKind.Put;
            double quoteFx = double.IsNaN(t.QuoteFx) ? MarketLookup.Fx(m, ins.Underlying.QuoteCurrency, ins) : t.QuoteFx;
            return new Leg(resolved, ins, group, daysPerYear, delta, isOption ? p.Quantity * ins.Multiplier : delta, kind, resolved.Price * quoteFx, isOption ? value : 0.0);
        }
    }
}
