using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>
/// The SPAN-file model's detailed result: the common <see cref="MarginResult"/> (report currency) plus every figure of
/// the file's method per combined commodity (in the combined commodity's currency). Immutable.
/// </summary>
/// <remarks>Every number is traceable: per combined commodity the scenario losses, binding scenarios, each charge and
/// credit; per position a contribution split into its parts; diagnostics for parts of the file that were not applied.
/// <see cref="Figures"/> flattens the detail to named numbers.</remarks>
public sealed record SpanFileResult
{
    /// <summary>The result in the library's one shape (report currency).</summary>
    public required MarginResult Result { get; init; }

    /// <summary>Total maintenance margin in the report currency (<c>Result.MaintenanceMargin</c>).</summary>
    public double MaintenanceMargin => Result.MaintenanceMargin;

    /// <summary>Total initial margin in the report currency (<c>Result.InitialMargin</c>).</summary>
    public double InitialMargin => Result.InitialMargin;

    /// <summary>Per combined commodity results, in the order of the file, in each combined commodity's currency.</summary>
    public required ImmutableArray<SpanCombinedCommodityResult> CombinedCommodities { get; init; }

    /// <summary>Report-currency value of one unit of each combined commodity's currency (same order as <see cref="CombinedCommodities"/>).</summary>
    public required ImmutableArray<double> ToReport { get; init; }

    /// <summary>Inter-commodity spreads formed, in priority order.</summary>
    public required ImmutableArray<SpanInterSpreadResult> InterSpreads { get; init; }

    /// <summary>Per position contributions in portfolio order, in the combined commodity's currency; converted with <see cref="ToReport"/> they are <c>Result.Contributions</c>.</summary>
    public required ImmutableArray<SpanPositionContribution> Contributions { get; init; }

    /// <summary>The rate ids used: base, maintenance and initial, and how they were chosen.</summary>
    public required string Rates { get; init; }

    /// <summary>The distinct currencies of the combined commodities involved (one in the usual case).</summary>
    public ImmutableArray<string> Currencies => [.. CombinedCommodities.Select(c => c.Currency).Distinct(StringComparer.Ordinal)];

    /// <summary>The detail as a flat list of named numbers (<c>cc/ES/scan</c>, <c>cc/ES/intra/1</c>, …), each in its combined commodity's currency; totals in the report currency.</summary>
    public ImmutableArray<KeyValuePair<string, double>> Figures
    {
        get
        {
            var b = ImmutableArray.CreateBuilder<KeyValuePair<string, double>>();
            void Add(string name, double v) => b.Add(new(name, v));
            Add("maintenance", MaintenanceMargin);
            Add("initial", InitialMargin);
            foreach (SpanCombinedCommodityResult cc in CombinedCommodities)
            {
                string p = "cc/" + cc.Code + "/";
                Add(p + "scan", cc.ScanRisk);
                foreach (SpanIntraSpreadResult s in cc.IntraSpreads)
                {
                    Add(p + "intra/" + s.Priority.ToString(CultureInfo.InvariantCulture), s.Charge);
                }

                Add(p + "spot", cc.SpotCharge);
                Add(p + "interCredit", cc.InterCredit);
                foreach (SpanSomTierResult t in cc.SomTiers)
                {
                    Add(p + "som/" + t.Tier.ToString(CultureInfo.InvariantCulture), t.Charge);
                }

                Add(p + "risk", cc.RiskRequirement);
                Add(p + "nov", cc.NetOptionValue);
                Add(p + "maintenance", cc.MaintenanceMargin);
                Add(p + "initial", cc.InitialMargin);
            }

            return b.ToImmutable();
        }
    }
}
