using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The kind of a SPAN product family (the element that holds it in the file).</summary>
public enum SpanProductKind
{
    /// <summary>A physical (spot) product: <c>phyPf/phy</c>.</summary>
    Physical,

    /// <summary>A future: <c>futPf/fut</c>.</summary>
    Future,

    /// <summary>An option on a future: <c>oofPf/series/opt</c>.</summary>
    OptionOnFuture,

    /// <summary>An option on a physical: <c>oopPf/series/opt</c>.</summary>
    OptionOnPhysical,
}
