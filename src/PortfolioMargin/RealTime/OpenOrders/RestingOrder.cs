using System.Collections.Immutable;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.RealTime;

/// <summary>Which fills of the resting orders the open-order margin guards against.</summary>
public enum OpenOrderFillRule : byte
{
    /// <summary>Resting orders take no margin.</summary>
    None = 0,

    /// <summary>All resting orders fill together.</summary>
    All = 1,

    /// <summary>All buy orders fill, or all sell orders fill; the worse of the two (the common exchange rule).</summary>
    EachSide = 2,

    /// <summary>Any single order fills; the worst one.</summary>
    EachOrder = 3,

    /// <summary>Any subset of the orders fills; the worst subset (exhaustive, at most <see cref="OpenOrderMargin.MaxSubsetOrders"/> orders).</summary>
    WorstSubset = 4,
}

/// <summary>An order resting on the book: an id and the position it adds when it fills (buy: quantity &gt; 0, sell: &lt; 0). Immutable.</summary>
/// <param name="Id">Order id, used in results; not blank.</param>
/// <param name="Position">The position the fill adds.</param>
public sealed record RestingOrder(string Id, Position Position)
{
    /// <summary>True for a buy (quantity &gt; 0).</summary>
    public bool IsBuy => Position.Quantity > 0;
}

/// <summary>One fill case the open-order margin examined.</summary>
/// <param name="Name">E.g. <c>all buys</c>, <c>order o-17</c>.</param>
/// <param name="OrderIds">The orders that fill in this case.</param>
/// <param name="InitialMargin">IM of the book with those orders filled.</param>
/// <param name="Increase">IM increase over the book (may be negative when the fill reduces risk).</param>
public sealed record OpenOrderCase(string Name, ImmutableArray<string> OrderIds, double InitialMargin, double Increase);

/// <summary>
/// The margin of a book with its resting orders: the model's result with an <c>open orders</c> IM component (the
/// worst IM increase over the fill cases of the rule, at least 0), the cases examined and the binding one. Immutable.
/// </summary>
/// <param name="Result">
/// The model's result with IM raised by <see cref="OpenOrdersMargin"/> (MM unchanged: open-order margin is IM only).
/// The component is split equally over the binding case's orders, whose contributions follow the book's positions with
/// position indices <c>Count + k</c> for order <c>k</c> of the list given.
/// </param>
/// <param name="BookResult">The model's result for the book alone.</param>
/// <param name="OpenOrdersMargin">The open-order component of IM (≥ 0).</param>
/// <param name="Rule">The fill rule.</param>
/// <param name="Binding">The case that sets the component, or null when no fill raises IM.</param>
/// <param name="Cases">Every case examined.</param>
public sealed record OpenOrderMarginResult(MarginResult Result, MarginResult BookResult, double OpenOrdersMargin, OpenOrderFillRule Rule, OpenOrderCase? Binding,
    ImmutableArray<OpenOrderCase> Cases);

/// <summary>A what-if on an order that would rest instead of filling: IM and open-order margin before and after. Immutable.</summary>
/// <param name="Before">The book with the orders already resting.</param>
/// <param name="After">The book with the new order resting too.</param>
public sealed record RestingOrderWhatIf(OpenOrderMarginResult Before, OpenOrderMarginResult After)
{
    /// <summary>IM change: <c>After − Before</c> (the new order's effect on the open-order component).</summary>
    public double InitialChange => After.Result.InitialMargin - Before.Result.InitialMargin;
}
