using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A spread leg as formed: the delta before forming the spread and the delta it consumed.</summary>
/// <param name="Leg">The leg definition.</param>
/// <param name="DeltaBefore">Remaining net delta of the leg's period or tier before this spread.</param>
/// <param name="DeltaConsumed">Delta consumed, <c>n · i</c> (in the direction of the leg's delta).</param>
public sealed record SpanLegResult(SpanSpreadLeg Leg, double DeltaBefore, double DeltaConsumed);

/// <summary>An intra-commodity spread as formed.</summary>
/// <param name="Priority">The spread priority.</param>
/// <param name="ChargeMethod">The charge method.</param>
/// <param name="Spreads">Number of spreads formed, <c>n = min over legs(|Δ_leg| / i_leg)</c>.</param>
/// <param name="Rate">Charge per spread.</param>
/// <param name="Charge"><c>n · rate</c>.</param>
/// <param name="Legs">The legs.</param>
public sealed record SpanIntraSpreadResult(int Priority, string ChargeMethod, double Spreads, double Rate, double Charge, ImmutableArray<SpanLegResult> Legs);

/// <summary>An inter-commodity spread as formed.</summary>
/// <param name="Priority">The spread priority.</param>
/// <param name="Spreads">Number of spreads formed.</param>
/// <param name="CreditRate">The credit rate (fraction).</param>
/// <param name="Legs">The legs.</param>
/// <param name="CreditsByCombinedCommodity">Credit per leg's combined commodity: <c>n · i · WPR · rate</c>.</param>
public sealed record SpanInterSpreadResult(int Priority, double Spreads, double CreditRate, ImmutableArray<SpanLegResult> Legs, ImmutableArray<KeyValuePair<string, double>> CreditsByCombinedCommodity);
