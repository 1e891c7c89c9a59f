namespace PortfolioMargin.Models.SpanFiles;

/// <summary>One position as the SPAN computation sees it: a contract of the file and a signed quantity in the file's unit.</summary>
/// <param name="Contract">Contract index in the <see cref="SpanRiskParameters"/>.</param>
/// <param name="Quantity">Signed quantity in file units (after the lot size).</param>
/// <param name="Label">Display label of the position.</param>
/// <param name="PositionIndex">Index reported in its contribution.</param>
internal readonly record struct SpanEntry(int Contract, double Quantity, string Label, int PositionIndex);
