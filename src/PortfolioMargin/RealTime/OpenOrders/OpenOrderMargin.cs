using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.RealTime;

/// <summary>
/// Open-order margin for any <see cref="IMarginModel"/>: the worst IM increase of the book over the fills of its
/// resting orders that a <see cref="OpenOrderFillRule"/> names (none, all, each side, each order, worst subset), added
/// to IM as its own component. Each case is a what-if on the book (<see cref="WhatIfCalculator.Create"/>: incremental
/// for models that offer it, a full recomputation otherwise). Stateless and thread-safe.
/// </summary>
public static class OpenOrderMargin
{
    /// <summary>Most orders <see cref="OpenOrderFillRule.WorstSubset"/> accepts (2^16 − 1 cases).</summary>
    public const int MaxSubsetOrders = 16;

    /// <summary>Margins the book with its resting orders.</summary>
    /// <param name="model">The margin model.</param>
    /// <param name="book">The resolved book (positions only).</param>
    /// <param name="orders">The resting orders (ids unique).</param>
    /// <param name="rule">Which fills to guard against.</param>
    /// <returns>The result with the open-order component.</returns>
    /// <exception cref="ArgumentException">Blank or duplicate order ids, or more than <see cref="MaxSubsetOrders"/> orders for <see cref="OpenOrderFillRule.WorstSubset"/>.</exception>
    /// <exception cref="MarketData.MissingMarketDataException">An order's instrument lacks market data (names it).</exception>
    public static OpenOrderMarginResult Calculate(IMarginModel model, ResolvedPortfolio book, IEnumerable<RestingOrder> orders, OpenOrderFillRule rule)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(orders);
        ImmutableArray<RestingOrder> list = Check(orders, rule);
        MarginResult bookResult = model.Calculate(book);
        IWhatIfCalculator calculator = WhatIfCalculator.Create(model, book);
        var cases = ImmutableArray.CreateBuilder<OpenOrderCase>();
        foreach ((string name, int[] members) in Cases(list, rule))
        {
            WhatIfResult w = calculator.WhatIf([.. members.Select(k => list[k].Position)]);
            cases.Add(new OpenOrderCase(name, [.. members.Select(k => list[k].Id)], w.InitialAfter, w.InitialAfter - bookResult.InitialMargin));
        }

        OpenOrderCase? binding = null;
        foreach (OpenOrderCase c in cases)
        {
            if (c.Increase > (binding?.Increase ?? 0))
            {
                binding = c;
            }
        }

        double margin = binding?.Increase ?? 0;
        return new OpenOrderMarginResult(WithComponent(bookResult, book, list, rule, binding, margin), bookResult, margin, rule, binding, cases.ToImmutable());
    }

    /// <summary>What-if on an order that would rest: the book's margin with <paramref name="orders"/> resting, and with <paramref name="newOrder"/> resting as well.</summary>
    /// <param name="model">The margin model.</param>
    /// <param name="book">The resolved book.</param>
    /// <param name="orders">Orders already resting.</param>
    /// <param name="newOrder">The order that would rest (its id must be new).</param>
    /// <param name="rule">Which fills to guard against.</param>
    /// <returns>Before and after.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Calculate"/>, including a duplicate id for the new order.</exception>
    public static RestingOrderWhatIf WhatIfResting(IMarginModel model, ResolvedPortfolio book, IEnumerable<RestingOrder> orders, RestingOrder newOrder, OpenOrderFillRule rule)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(newOrder);
        RestingOrder[] before = [.. orders];
        return new RestingOrderWhatIf(Calculate(model, book, before, rule), Calculate(model, book, [.. before, newOrder], rule));
    }

    private static ImmutableArray<RestingOrder> Check(IEnumerable<RestingOrder> orders, OpenOrderFillRule rule)
    {
        if (!Enum.IsDefined(rule))
        {
            throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown open-order fill rule.");
        }

        ImmutableArray<RestingOrder> list = [.. orders];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (RestingOrder o in list)
        {
            Guard.NotNull(o, nameof(orders));
            if (string.IsNullOrWhiteSpace(o.Id) || !ids.Add(o.Id))
            {
                Guard.ThrowArgument($"Open orders: order id '{o.Id}' is blank or used twice; ids must be unique.", nameof(orders));
            }
        }

        if (rule == OpenOrderFillRule.WorstSubset && list.Length > MaxSubsetOrders)
        {
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"Open orders: the worst-subset rule examines 2^n - 1 fills and accepts at most {MaxSubsetOrders} orders, got {list.Length}; use EachSide or EachOrder."), nameof(orders));
        }

        return list;
    }

    private static IEnumerable<(string Name, int[] Members)> Cases(ImmutableArray<RestingOrder> list, OpenOrderFillRule rule)
    {
        int n = list.Length;
        if (n == 0 || rule == OpenOrderFillRule.None)
        {
            yield break;
        }

        switch (rule)
        {
            case OpenOrderFillRule.All:
                yield return ("all orders", [.. Enumerable.Range(0, n)]);
                break;
            case OpenOrderFillRule.EachSide:
                int[] buys = [.. Enumerable.Range(0, n).Where(k => list[k].IsBuy)], sells = [.. Enumerable.Range(0, n).Where(k => !list[k].IsBuy)];
                if (buys.Length > 0)
                {
                    yield return ("all buys", buys);
                }

                if (sells.Length > 0)
                {
                    yield return ("all sells", sells);
                }

                break;
            case OpenOrderFillRule.EachOrder:
                for (int k = 0; k < n; k++)
                {
                    yield return ($"order {list[k].Id}", [k]);
                }

                break;
            default:
                for (int mask = 1; mask < 1 << n; mask++)
                {
                    int[] members = [.. Enumerable.Range(0, n).Where(k => (mask & (1 << k)) != 0)];
                    yield return ($"orders {string.Join("+", members.Select(k => list[k].Id))}", members);
                }

                break;
        }
    }

    private static MarginResult WithComponent(MarginResult r, ResolvedPortfolio book, ImmutableArray<RestingOrder> list, OpenOrderFillRule rule, OpenOrderCase? binding, double margin)
    {
        string note = binding is null
            ? $"rule {rule}: no fill raises IM"
            : string.Create(CultureInfo.InvariantCulture, $"rule {rule}: worst case '{binding.Name}' raises IM by {margin:R}");
        var root = new MarginNode($"{r.Breakdown.Name} + open orders", r.MaintenanceMargin, r.InitialMargin + margin,
            [r.Breakdown, MarginNode.Leaf("open orders", 0, margin, note)], "IM = book IM + open-order margin; MM unchanged");
        var contributions = r.Contributions.ToBuilder();
        if (binding is not null)
        {
            string[] ids = [.. binding.OrderIds];
            for (int k = 0; k < list.Length; k++)
            {
                if (ids.Contains(list[k].Id))
                {
                    contributions.Add(new PositionContribution(book.Count + k, $"order {list[k].Id}: {list[k].Position}", list[k].Position.Instrument.Underlying.Symbol, 0, margin / ids.Length));
                }
            }
        }

        var diagnostics = r.Diagnostics.Add(new MarginDiagnostic("OPEN_ORDERS", note));
        return new MarginResult(r.Model, r.Currency, r.InitialMargin + margin, r.MaintenanceMargin, root, contributions.ToImmutable(), r.BindingScenarios, diagnostics);
    }
}
