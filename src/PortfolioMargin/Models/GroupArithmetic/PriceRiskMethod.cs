namespace PortfolioMargin.Models;

/// <summary>
/// How the scan decomposition measures price risk (the part of scan risk a price move explains, beyond time risk). The
/// two methods agree on a symmetric classic-16 grid whose binding scenario is the worst price move; they differ when the
/// binding scenario's vol pair is not the worst pair, or when an extreme (weighted) scenario binds.
/// </summary>
internal enum PriceRiskMethod : byte
{
    /// <summary>
    /// The grid's definition: the largest mean loss over the vol variants of one price move (weight-1 scenarios grouped by
    /// price move), less time risk, floored at 0. Independent of which scenario binds.
    /// </summary>
    WorstMoveMean = 0,

    /// <summary>
    /// SPAN's definition: the mean of the binding scenario's loss and its paired scenario's loss (the same price move with
    /// the opposite vol move), less time risk, floored at 0; the binding loss alone when it has no pair; 0 when the binding
    /// scenario has no price move or nothing loses.
    /// </summary>
    PairedPoint = 1,
}
