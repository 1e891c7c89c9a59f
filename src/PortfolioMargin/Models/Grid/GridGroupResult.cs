using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace PortfolioMargin.Models.Grid;

/// <summary>Everything the grid computed for one risk group (report currency).</summary>
/// <param name="Group">Risk group.</param>
/// <param name="ScenarioLosses">Group loss per scenario (<c>L_s = −Σ pnl</c>).</param>
/// <param name="ScanRisk"><c>max(0, max_s L_s)</c>.</param>
/// <param name="Binding">Binding scenario (null when every scenario is a gain).</param>
/// <param name="TimeRisk">Mean loss of the zero-price-move scenarios.</param>
/// <param name="PriceRisk">Largest mean loss over the vol variants of a price move (weight-1 scenarios), less time risk, floored at 0.</param>
/// <param name="VolRisk"><c>max(0, scan − time − price)</c>.</param>
/// <param name="NetDelta">Net delta in units of underlying.</param>
/// <param name="IntraSpreads">Intra spreads formed, in priority order.</param>
/// <param name="IntraCharge">Sum of intra charges.</param>
/// <param name="InterCredit">Inter-group credit granted to the group.</param>
/// <param name="ShortOptionMinimum">Short option minimum.</param>
/// <param name="ShortOptionContingency">Add-on for net short options.</param>
/// <param name="FuturesContingency">Add-on for offsetting futures.</param>
/// <param name="NetOptionValue">Net option value (report currency).</param>
/// <param name="ShortOptionMinimumBinds">True when the SOM exceeded scan + intra − credit.</param>
/// <param name="NetOptionValueFloored">True when NOV handling floored the requirement at 0.</param>
/// <param name="Maintenance">Group maintenance margin.</param>
/// <param name="Initial">Group initial margin.</param>
public sealed record GridGroupResult(string Group, ImmutableArray<double> ScenarioLosses, double ScanRisk, BindingScenario? Binding,
    double TimeRisk, double PriceRisk, double VolRisk, double NetDelta, ImmutableArray<FormedIntraSpread> IntraSpreads, double IntraCharge,
    double InterCredit, double ShortOptionMinimum, double ShortOptionContingency, double FuturesContingency, double NetOptionValue,
    bool ShortOptionMinimumBinds, bool NetOptionValueFloored, double Maintenance, double Initial);
