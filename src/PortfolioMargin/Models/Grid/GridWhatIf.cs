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
    private readonly GridWhatIfGroupState[] _groups;
    private readonly ConcurrentDictionary<string, GridWhatIfTemplate> _templates;
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
        _templates = new ConcurrentDictionary<string, GridWhatIfTemplate>(StringComparer.Ordinal);
        List<GridPosition> inputs = model.Inputs(book);
        _detailed = new Lazy<GridResult>(() => GridCalculator.Compute(model.Name, Market.ReportCurrency, inputs, model.Parameters));
        _groups = new GridWhatIfGroupState[book.Underlyings.Length];
        for (int u = 0; u < _groups.Length; u++)
        {
            _groups[u] = GridWhatIfGroupState.Empty(Template(book.Underlyings[u]));
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            _groups[book.UnderlyingIndex[i]].AddBookPosition(inputs[i], Portfolio[i].Instrument);
        }

        foreach (GridWhatIfGroupState g in _groups)
        {
            g.FinishBook();
        }

        Settle(_groups);
    }

    private GridWhatIf(GridWhatIf from, GridWhatIfGroupState[] groups, Portfolio portfolio)
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
    private void Settle(GridWhatIfGroupState[] groups)
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

    private static double Requirement(GridGroupParameters p, in GridWhatIfDerived d, in GridWhatIfAggregates a, double credit) =>
        GridGroupMath.Maintenance(d.Scan, d.Intra, credit, d.Som, a.OptionContingency, d.FuturesContingency, a.Nov, p, out _, out _);

    private GridWhatIfTemplate Template(Underlying underlying)
    {
        if (_templates.TryGetValue(underlying.Symbol, out GridWhatIfTemplate? t))
        {
            return t.Underlying == underlying
                ? t
                : throw new ArgumentException($"Two different underlyings share the symbol '{underlying.Symbol}'.", nameof(underlying));
        }

        return _templates.GetOrAdd(underlying.Symbol, _ => new GridWhatIfTemplate(underlying, Model.Parameters.For(underlying.Symbol), Market));
    }

    private int GroupIndexOf(string symbol, ReadOnlySpan<GridWhatIfTemplate?> opened, int openedCount)
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

    /// <summary>The pooled working arrays of one <see cref="Evaluate"/> (returned by <see cref="Return"/>).</summary>
    private struct Scratch
    {
        public GridWhatIfLeg[] Legs;
        public GridWhatIfTemplate?[] Opened;
        public int[] Affected;
        public GridWhatIfAggregates[] Aggregates;
        public GridWhatIfDerived[] Derived;
        public string[] Names;
        public double[] Numbers;
        public double[]? Work;
        public int OpenedCount;
        public int AffectedCount;

        public static Scratch Rent(int orderLength, int groups) => new()
        {
            Legs = ArrayPool<GridWhatIfLeg>.Shared.Rent(Math.Max(1, orderLength)),
            Opened = ArrayPool<GridWhatIfTemplate?>.Shared.Rent(Math.Max(1, orderLength)),
            Affected = ArrayPool<int>.Shared.Rent(Math.Max(1, orderLength)),
            Aggregates = ArrayPool<GridWhatIfAggregates>.Shared.Rent(Math.Max(1, orderLength)),
            Derived = ArrayPool<GridWhatIfDerived>.Shared.Rent(groups + orderLength),
            Names = ArrayPool<string>.Shared.Rent(groups + orderLength),
            Numbers = ArrayPool<double>.Shared.Rent(4 * (groups + orderLength)),
        };

        public readonly void Return()
        {
            ArrayPool<GridWhatIfLeg>.Shared.Return(Legs, clearArray: true);
            ArrayPool<GridWhatIfTemplate?>.Shared.Return(Opened, clearArray: true);
            ArrayPool<int>.Shared.Return(Affected);
            ArrayPool<GridWhatIfAggregates>.Shared.Return(Aggregates);
            ArrayPool<GridWhatIfDerived>.Shared.Return(Derived);
            ArrayPool<string>.Shared.Return(Names, clearArray: true);
            ArrayPool<double>.Shared.Return(Numbers);
            if (Work is not null)
            {
                ArrayPool<double>.Shared.Return(Work);
            }
        }

        /// <summary>Index among the affected groups of group <paramref name="gi"/>, or −1.</summary>
        public readonly int AffectedIndex(int gi) => Array.IndexOf(Affected, gi, 0, AffectedCount);
    }

    private WhatIfResult Evaluate(ReadOnlySpan<Position> order, bool apply, out GridWhatIf? applied)
    {
        var x = Scratch.Rent(order.Length, _groups.Length);
        try
        {
            ResolveOrder(order, ref x);
            AddOrderToAffectedGroups(order.Length, ref x);
            (WhatIfGroupResult[] groups, double mmAfter, double imAfter) = Requirements(ref x);
            applied = apply ? Applied(order, ref x) : null;
            return new WhatIfResult(Market.ReportCurrency, InitialMargin, imAfter, MaintenanceMargin, mmAfter, ImmutableCollectionsMarshal.AsImmutableArray(groups));
        }
        finally
        {
            x.Return();
        }
    }

    /// <summary>Resolves the order's positions and finds (or opens) their groups.</summary>
    private void ResolveOrder(ReadOnlySpan<Position> order, ref Scratch x)
    {
        int g0 = _groups.Length;
        for (int j = 0; j < order.Length; j++)
        {
            Position p = order[j] ?? throw new ArgumentException($"Order position #{j} is null.", nameof(order));
            int gi = GroupIndexOf(p.Instrument.Underlying.Symbol, x.Opened, x.OpenedCount);
            GridWhatIfTemplate t = gi >= 0 ? (gi < g0 ? _groups[gi].T : x.Opened[gi - g0]!) : Template(p.Instrument.Underlying);
            if (t.Underlying != p.Instrument.Underlying)
            {
                throw new ArgumentException($"Order position '{p}': its underlying differs from the book's underlying with symbol '{t.Symbol}'.", nameof(order));
            }

            if (gi < 0)
            {
                x.Opened[x.OpenedCount] = t;
                gi = g0 + x.OpenedCount++;
            }

            x.Legs[j] = GridWhatIfLeg.Resolve(p, gi, t, Market, _daysPerYear);
            if (x.AffectedIndex(gi) < 0)
            {
                x.Affected[x.AffectedCount++] = gi;
            }
        }
    }

    /// <summary>Working length of one affected group: losses, tier deltas twice (summed and consumed) and the slot scratch.</summary>
    private static int WorkLength(GridWhatIfTemplate t) => t.Scenarios.Length + (2 * t.P.IntraTiers.Length) + t.Layout.Slots;

    /// <summary>Copies the affected groups' state, adds the order's risk arrays and facts, and derives each group's figures.</summary>
    private void AddOrderToAffectedGroups(int k, ref Scratch x)
    {
        int g0 = _groups.Length, workLength = 0;
        for (int a = 0; a < x.AffectedCount; a++)
        {
            workLength += WorkLength(TemplateAt(x.Affected[a], x.Opened));
        }

        x.Work = ArrayPool<double>.Shared.Rent(Math.Max(1, workLength));
        int offset = 0;
        for (int a = 0; a < x.AffectedCount; a++)
        {
            int gi = x.Affected[a];
            GridWhatIfTemplate t = TemplateAt(gi, x.Opened);
            int s = t.Scenarios.Length, tiers = t.P.IntraTiers.Length;
            Span<double> losses = x.Work.AsSpan(offset, s), tierDelta = x.Work.AsSpan(offset + s, tiers);
            if (gi < g0)
            {
                _groups[gi].Losses.CopyTo(losses);
                _groups[gi].TierDelta.CopyTo(tierDelta);
                x.Aggregates[a] = _groups[gi].A;
            }
            else
            {
                losses.Clear();
                tierDelta.Clear();
                x.Aggregates[a] = default;
            }

            for (int j = 0; j < k; j++)
            {
                if (x.Legs[j].Group == gi)
                {
                    AddLeg(ref x.Aggregates[a], losses, tierDelta, t, x.Legs, j, gi < g0 ? _groups[gi] : null);
                }
            }

            // Intra consumes its tier deltas: keep the summed ones, work on a copy.
            Span<double> consumed = x.Work.AsSpan(offset + s + tiers, tiers);
            tierDelta.CopyTo(consumed);
            x.Derived[gi] = GridWhatIfDerived.Of(t, losses, consumed, x.Aggregates[a], x.Work.AsSpan(offset + s + (2 * tiers), t.Layout.Slots));
            offset += WorkLength(t);
        }
    }

    /// <summary>Inter-group credits over all groups, then every group's requirement after the order.</summary>
    private (WhatIfGroupResult[] Groups, double Maintenance, double Initial) Requirements(ref Scratch x)
    {
        int g0 = _groups.Length, gAll = g0 + x.OpenedCount;
        Span<double> delta = x.Numbers.AsSpan(0, gAll), price = x.Numbers.AsSpan(gAll, gAll), credit = x.Numbers.AsSpan(2 * gAll, gAll), remaining = x.Numbers.AsSpan(3 * gAll, gAll);
        for (int gi = 0; gi < gAll; gi++)
        {
            int a = x.AffectedIndex(gi);
            if (a < 0)
            {
                x.Derived[gi] = _groups[gi].D;
            }

            x.Names[gi] = TemplateAt(gi, x.Opened).Symbol;
            GridWhatIfAggregates agg = a < 0 ? _groups[gi].A : x.Aggregates[a];
            delta[gi] = DeltaSpreads.Snap(agg.NetDelta, agg.GrossDelta);
            price[gi] = x.Derived[gi].Price;
        }

        GridGroupMath.InterCredits(Model.Parameters, x.Names.AsSpan(0, gAll), delta, price, credit, remaining, null);
        var groups = new WhatIfGroupResult[gAll];
        double mmAfter = 0, imAfter = 0;
        for (int gi = 0; gi < gAll; gi++)
        {
            int a = x.AffectedIndex(gi);
            GridWhatIfTemplate t = TemplateAt(gi, x.Opened);
            double mm = Requirement(t.P, x.Derived[gi], a < 0 ? _groups[gi].A : x.Aggregates[a], credit[gi]);
            double ratio = t.P.InitialToMaintenance;
            double mmBefore = gi < g0 ? _groups[gi].Maintenance : 0;
            mmAfter += mm;
            imAfter += mm * ratio;
            int b = x.Derived[gi].Binding;
            groups[gi] = new WhatIfGroupResult(t.Symbol, mmBefore, mm, mmBefore * ratio, mm * ratio, x.Derived[gi].Scan, b >= 0 ? t.Scenarios[b].Id : null);
        }

        return (groups, mmAfter, imAfter);
    }

    /// <summary>The calculator holding the book with the order: the affected groups' working state settled, the others shared.</summary>
    private GridWhatIf Applied(ReadOnlySpan<Position> order, ref Scratch x)
    {
        int g0 = _groups.Length, gAll = g0 + x.OpenedCount;
        var states = new GridWhatIfGroupState[gAll];
        Array.Copy(_groups, states, g0);
        int offset = 0;
        for (int a = 0; a < x.AffectedCount; a++)
        {
            int gi = x.Affected[a];
            GridWhatIfTemplate t = TemplateAt(gi, x.Opened);
            int s = t.Scenarios.Length, tiers = t.P.IntraTiers.Length;
            states[gi] = GridWhatIfGroupState.After(t, gi < g0 ? _groups[gi] : null, x.Work!.AsSpan(offset, s), x.Work.AsSpan(offset + s, tiers), x.Aggregates[a], x.Derived[gi], x.Legs.AsSpan(0, order.Length), gi);
            offset += WorkLength(t);
        }

        return new GridWhatIf(this, states, Portfolio.Add(order.ToArray()));
    }

    private GridWhatIfTemplate TemplateAt(int gi, GridWhatIfTemplate?[] opened) => gi < _groups.Length ? _groups[gi].T : opened[gi - _groups.Length]!;

    /// <summary>Adds order leg <paramref name="j"/> to a group's working state (the same per-position rules as <see cref="GridCalculator"/>).</summary>
    private static void AddLeg(ref GridWhatIfAggregates agg, Span<double> losses, Span<double> tierDelta, GridWhatIfTemplate t, GridWhatIfLeg[] legs, int j, GridWhatIfGroupState? book)
    {
        ref readonly GridWhatIfLeg leg = ref legs[j];
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
            if (book is not null && book.Contracts.TryGetValue(leg.Instrument, out GridWhatIfContractNet c))
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


}
