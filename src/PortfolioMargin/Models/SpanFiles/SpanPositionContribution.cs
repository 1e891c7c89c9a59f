using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>One position's share of the margin.</summary>
/// <param name="Label">The position's label.</param>
/// <param name="PositionIndex">Index of the position in the input.</param>
/// <param name="CombinedCommodity">The combined commodity of its contract.</param>
/// <param name="Contract">The contract the position resolved to.</param>
/// <param name="Quantity">Quantity in file units (after lot conversion).</param>
/// <param name="ScanRisk">Share of the scan risk: its loss in its scan tier's binding scenario (0 when SOM binds or the scan risk is 0).</param>
/// <param name="IntraSpreadCharge">Share of intra-commodity spread charges.</param>
/// <param name="SpotCharge">Share of the spot charge.</param>
/// <param name="InterCredit">Share of inter-commodity credits (≥ 0; subtracted).</param>
/// <param name="ShortOptionMinimum">Share of the SOM (when SOM binds).</param>
/// <param name="NetOptionValue">Its net option value <c>q · p · cvf</c> (subtracted; 0 for non-premium products or when NOV is off).</param>
/// <param name="Maintenance">Contribution to the maintenance margin: <c>fM · (scan + intra + spot − credit or SOM) − NOV</c>; 0 when the floor applies.</param>
/// <param name="Initial">Contribution to the initial margin, the same with the initial factor.</param>
public sealed record SpanPositionContribution(
    string Label,
    int PositionIndex,
    string CombinedCommodity,
    SpanContractId Contract,
    double Quantity,
    double ScanRisk,
    double IntraSpreadCharge,
    double SpotCharge,
    double InterCredit,
    double ShortOptionMinimum,
    double NetOptionValue,
    double Maintenance,
    double Initial);
