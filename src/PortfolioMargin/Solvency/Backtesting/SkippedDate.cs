namespace PortfolioMargin.Solvency;

/// <summary>A date a back-test could not observe, and why (e.g. its loss window ends on a day the history lacks). Immutable.</summary>
/// <param name="Date">The margin date skipped.</param>
/// <param name="Reason">Why.</param>
public sealed record SkippedDate(DateOnly Date, string Reason);
