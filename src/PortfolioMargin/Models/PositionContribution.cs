using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PortfolioMargin.Models;

/// <summary>A position's share of the margin. Over all positions the shares sum to the result's totals. A value type: a result's contributions are one array, not one object per position.</summary>
/// <param name="PositionIndex">Index of the position in the margined portfolio (or position list).</param>
/// <param name="Label">Display label of the position.</param>
/// <param name="Group">Risk group (underlying / combined commodity) the position belongs to.</param>
/// <param name="Maintenance">Share of the maintenance margin.</param>
/// <param name="Initial">Share of the initial margin.</param>
public readonly record struct PositionContribution(int PositionIndex, string Label, string Group, double Maintenance, double Initial);
