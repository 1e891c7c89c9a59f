using System.Collections.Immutable;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Everything a <see cref="SpanRiskParameters"/> is made of (the builder's output).</summary>
internal sealed class SpanParametersData
{
    public string FileFormat { get; set; } = string.Empty;
    public string? Created { get; set; }
    public string BusinessDate { get; set; } = string.Empty;
    public bool IsSettlement { get; set; }
    public string ClearingOrganization { get; set; } = string.Empty;
    public ImmutableArray<SpanCurrency> Currencies { get; set; } = [];
    public ImmutableArray<SpanScenarioPoint> ScenarioPoints { get; set; } = [];
    public ImmutableArray<SpanScenarioPoint> DeltaPoints { get; set; } = [];
    public ImmutableArray<SpanPerformanceBondRate> PerformanceBondRates { get; set; } = [];
    public ImmutableArray<SpanProductFamily> Families { get; set; } = [];
    public ImmutableArray<SpanCombinedCommodity> CombinedCommodities { get; set; } = [];
    public ImmutableArray<SpanDeltaSpread> InterSpreads { get; set; } = [];
    public ImmutableArray<string> Diagnostics { get; set; } = [];
    public ImmutableArray<string> Periods { get; set; } = [];
    public int[] ContractFamily { get; set; } = [];
    public int[] ContractCid { get; set; } = [];
    public int[] ContractPeriod { get; set; } = [];
    public double[] ContractStrike { get; set; } = [];
    public byte[] ContractRight { get; set; } = [];
    public double[] ContractPrice { get; set; } = [];
    public double[] ContractDelta { get; set; } = [];
    public double[] ContractVol { get; set; } = [];
    public double[] ContractCvf { get; set; } = [];
    public int[] ContractRaStart { get; set; } = [];
    public byte[] ContractRaCount { get; set; } = [];
    public int[] RaRate { get; set; } = [];
    public double[] RaDelta { get; set; } = [];
    public double[] RaValues { get; set; } = [];
    public int[] FamilyStart { get; set; } = [0];
    public int[] ById { get; set; } = [];
    public int[] ByKey { get; set; } = [];
}
