using System.Globalization;

namespace PortfolioMargin.Models.VaR;

/// <summary>The unit in which factor volatilities are quoted.</summary>
public enum VolatilityUnit : byte
{
    /// <summary>Standard deviation of one-day relative returns.</summary>
    Daily = 0,

    /// <summary>Annualised standard deviation; converted to daily by <c>σ_daily = σ_annual / √daysPerYear</c> (e.g. 365 for crypto, 252 for exchange-traded futures).</summary>
    Annual = 1,
}

/// <summary>What to do with a correlation matrix that is not a valid correlation matrix (e.g. not positive semi-definite).</summary>
public enum CorrelationRepair : byte
{
    /// <summary>Refuse it: the <see cref="Correlation.MatrixValidationException"/> of the matrix validation is thrown (default).</summary>
    None = 0,

    /// <summary>Repair with <see cref="Correlation.NearestCorrelation.Repair(IEnumerable{string}, double[,], Correlation.NearestCorrelationOptions?)"/> (Higham) and report it in the diagnostics.</summary>
    NearestCorrelation = 1,

    /// <summary>Repair with <see cref="Correlation.EigenvalueClipping.Repair(IEnumerable{string}, double[,], double)"/> and report it in the diagnostics.</summary>
    EigenvalueClipping = 2,
}

/// <summary>Which tail measure sets the margin.</summary>
public enum VaRMeasure : byte
{
    /// <summary>Value at risk: the loss quantile at the confidence level.</summary>
    ValueAtRisk = 0,

    /// <summary>Expected shortfall: the mean loss beyond the quantile.</summary>
    ExpectedShortfall = 1,
}

/// <summary>
/// Parameters common to every covariance-VaR model. Immutable.
/// Margin: <c>MM = IM = Multiplier · measure</c> where measure is VaR or ES of the loss over <see cref="HorizonDays"/> at
/// <see cref="Confidence"/>, in the report currency, floored at 0.
/// </summary>
public sealed record VaROptions
{
    /// <summary>Default options: 99 % VaR over 1 day, multiplier 1.</summary>
    public static VaROptions Default { get; } = new();

    /// <summary>Confidence level α in (0.5, 1), e.g. 0.99; default 0.99.</summary>
    public double Confidence { get; init; } = 0.99;

    /// <summary>Horizon <c>h</c> in days (&gt; 0, ≤ 3650); daily vols scale by <c>√h</c> (square-root-of-time, i.i.d. returns); default 1.</summary>
    public double HorizonDays { get; init; } = 1.0;

    /// <summary>Tail measure that sets the margin; default <see cref="VaRMeasure.ValueAtRisk"/>.</summary>
    public VaRMeasure Measure { get; init; } = VaRMeasure.ValueAtRisk;

    /// <summary>Multiplier applied to the measure, in (0, 1000] (0 is refused: it would turn every margin into 0), e.g. 3 for a Basel-style add-on; default 1.</summary>
    public double Multiplier { get; init; } = 1.0;

    /// <summary>
    /// What to do when a stress correlation override (<see cref="IStressMarginModel.CalculateUnderStress"/>), merged into
    /// the factor correlation by label, is not a valid correlation matrix (e.g. not PSD): the same rules as
    /// <see cref="VaRFactors.Create(IEnumerable{string}, IReadOnlyList{double}, double[,], VolatilityUnit, double, CorrelationRepair, double)"/>;
    /// default <see cref="CorrelationRepair.None"/>: refuse it.
    /// </summary>
    public CorrelationRepair StressCorrelationRepair { get; init; } = CorrelationRepair.None;

    /// <summary>Short description, e.g. <c>VaR 99% 1d</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{(Measure == VaRMeasure.ValueAtRisk ? "VaR" : "ES")} {Confidence * 100:0.###}% {HorizonDays:0.###}d{(Multiplier != 1.0 ? $" x{Multiplier:0.###}" : "")}");

    /// <summary>Throws when a parameter is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range (named).</exception>
    public void Validate()
    {
        if (!(Confidence > 0.5 && Confidence < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(Confidence), Confidence, "VaR confidence must be in (0.5, 1), e.g. 0.99.");
        }

        if (!(HorizonDays > 0 && HorizonDays <= 3650))
        {
            throw new ArgumentOutOfRangeException(nameof(HorizonDays), HorizonDays, "VaR horizon must be in (0, 3650] days.");
        }

        if (!(Multiplier > 0 && Multiplier <= 1000))
        {
            throw new ArgumentOutOfRangeException(nameof(Multiplier), Multiplier,
                string.Create(CultureInfo.InvariantCulture, $"VaR multiplier must be in (0, 1000], got {Multiplier:R}: a multiplier of 0 would margin every book to 0."));
        }

        if (!Enum.IsDefined(Measure))
        {
            throw new ArgumentOutOfRangeException(nameof(Measure), Measure, "Unknown VaR measure.");
        }

        if (!Enum.IsDefined(StressCorrelationRepair))
        {
            throw new ArgumentOutOfRangeException(nameof(StressCorrelationRepair), StressCorrelationRepair, "Unknown correlation repair.");
        }
    }

    /// <summary>The standard normal quantile <c>z_α = Φ⁻¹(α)</c> (positive for α &gt; 0.5).</summary>
    public double Z => NormalQuantile.Inverse(Confidence);

    /// <summary>The normal expected-shortfall factor <c>φ(z_α)/(1 − α)</c>.</summary>
    public double EsFactor => Pricing.NormalDistribution.Pdf(Z) / (1 - Confidence);

    /// <summary>The normal multiple of <c>σ√h</c> for the chosen measure: <see cref="Z"/> or <see cref="EsFactor"/>.</summary>
    public double NormalMultiple => Measure == VaRMeasure.ValueAtRisk ? Z : EsFactor;
}
