using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;
using PortfolioMargin.Correlation;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Delta-normal (variance–covariance) VaR and ES with Euler decomposition (spec §6.3). With <c>e</c> the dollar-delta
/// vector (<see cref="VaRExposures"/>), <c>Σ</c> the daily covariance of relative returns and <c>h</c> the horizon in days:
/// <c>σ_p = √(eᵀΣe)</c>, <c>VaR = z_α·σ_p·√h</c>, <c>ES = σ_p·φ(z_α)/(1−α)·√h</c>; marginal <c>c·√h·(Σe)_k/σ_p</c>,
/// component <c>e_k·marginal_k</c> (sums to the total), incremental <c>M(P) − M(P∖i)</c> in O(1) per position from
/// <c>Σe</c>. Margin <c>MM = IM = multiplier · measure</c>. Stateless and thread-safe.
/// </summary>
/// <remarks>Per-position contributions are the position's share of its factor's component by exposure,
/// <c>e_i·marginal_k</c>; they sum to the total. The standalone margin of a position is
/// <c>multiplier·c·√h·|e_i|·σ_k</c>, exactly what the model gives for the position alone. What-if: <see cref="CreateWhatIf"/>
/// keeps <c>e</c> and <c>Σe</c> (<see cref="DeltaNormalWhatIf"/>). Stress: <see cref="CalculateUnderStress"/> takes a
/// correlation override.</remarks>
public sealed class DeltaNormalVaR : IStandaloneMarginModel, IWhatIfMarginModel, IStressMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="factors">Risk factors (labels, vols, correlation).</param>
    /// <param name="options">Confidence, horizon, measure and multiplier; <see cref="VaROptions.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public DeltaNormalVaR(VaRFactors factors, VaROptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        options ??= VaROptions.Default;
        options.Validate();
        Factors = factors;
        Options = options;
        Name = "DeltaNormalVaR(" + options.Describe() + ")";
    }

    /// <summary>The risk factors.</summary>
    public VaRFactors Factors { get; }

    /// <summary>The options.</summary>
    public VaROptions Options { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        return CalculateOn(portfolio, Factors, Factors.Diagnostics);
    }

    /// <summary>The incremental what-if calculator for <paramref name="book"/>: keeps <c>e</c> and <c>Σe</c>, O(order) per question.</summary>
    /// <param name="book">The resolved book.</param>
    /// <returns>The calculator.</returns>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public DeltaNormalWhatIf CreateWhatIf(ResolvedPortfolio book) => new(this, book);

    /// <inheritdoc />
    IWhatIfCalculator IWhatIfMarginModel.CreateWhatIf(ResolvedPortfolio book) => CreateWhatIf(book);

    /// <summary>
    /// The margin of a book resolved on a stress scenario's shocked snapshot, with the correlation stressed: every pair
    /// of labels of <paramref name="correlationOverride"/> takes its entry (matched by label), the other pairs and every
    /// factor vol stay the model's. An invalid merged matrix is refused unless <see cref="VaROptions.StressCorrelationRepair"/>
    /// asks for a repair (reported as <c>CORRELATION_REPAIRED</c>). The result carries a <c>CORRELATION_STRESS</c> diagnostic.
    /// Without an override: <see cref="Calculate(ResolvedPortfolio)"/>.
    /// </summary>
    /// <param name="shocked">The book resolved on the shocked snapshot (exposures use the shocked prices and vols).</param>
    /// <param name="scenario">The stress scenario (named in diagnostics and errors).</param>
    /// <param name="correlationOverride">The stressed correlation, or null.</param>
    /// <returns>The margin under stress.</returns>
    /// <exception cref="ArgumentException">An override label is not a factor label, or the book needs a factor the set lacks (named).</exception>
    /// <exception cref="MatrixValidationException">The merged correlation is invalid and no repair was requested.</exception>
    public MarginResult CalculateUnderStress(ResolvedPortfolio shocked, Scenario scenario, CorrelationMatrix? correlationOverride)
    {
        ArgumentNullException.ThrowIfNull(shocked);
        ArgumentNullException.ThrowIfNull(scenario);
        if (correlationOverride is null)
        {
            return Calculate(shocked);
        }

        VaRFactors stressed = Factors.WithCorrelationOverride(correlationOverride, Options.StressCorrelationRepair, $"scenario '{scenario.Id}'");
        return CalculateOn(shocked, stressed, VaRStress.Diagnostics(stressed, correlationOverride, scenario));
    }

    private MarginResult CalculateOn(ResolvedPortfolio portfolio, VaRFactors factors, ImmutableArray<MarginDiagnostic> diagnostics)
    {
        VaRExposures x = VaRExposures.Of(portfolio, factors);
        (double[] se, double variance) = Core(x);
        double sigma = Math.Sqrt(variance);
        double scale = Options.NormalMultiple * Math.Sqrt(Options.HorizonDays);
        double total = scale * sigma;
        var contribution = new double[portfolio.Count];
        ReadOnlySpan<int> pf = x.PositionFactor;
        ReadOnlySpan<double> pd = x.PositionDelta;
        for (int i = 0; i < contribution.Length; i++)
        {
            contribution[i] = sigma > 0 ? pd[i] * scale * se[pf[i]] / sigma : 0.0;
        }

        string note = string.Create(CultureInfo.InvariantCulture, $"sigma_p(1d) = {sigma:G8}; multiple {Options.NormalMultiple:G8} x sqrt({Options.HorizonDays:G6}d)");
        return VaRResult.Build(Name, portfolio, factors.Labels, diagnostics, Options, total, contribution, pf, note);
    }

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        MarginResult result = Calculate(portfolio);
        VaRExposures x = VaRExposures.Of(portfolio, Factors);
        double scale = Options.Multiplier * Options.NormalMultiple * Math.Sqrt(Options.HorizonDays);
        ReadOnlySpan<double> vol = Factors.DailyVolatilities;
        var standalone = ImmutableArray.CreateBuilder<double>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            standalone.Add(scale * Math.Abs(x.PositionDelta[i]) * vol[x.PositionFactor[i]]);
        }

        return (result, standalone.MoveToImmutable());
    }

    /// <summary>The delta-normal VaR and ES with marginal, component and incremental figures per factor and per position.</summary>
    /// <param name="portfolio">The resolved portfolio.</param>
    /// <returns>The decomposition (before the multiplier).</returns>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public VaRDecomposition Decompose(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        VaRExposures x = VaRExposures.Of(portfolio, Factors);
        (double[] se, double variance) = Core(x);
        double sigma = Math.Sqrt(variance);
        double sqrtH = Math.Sqrt(Options.HorizonDays);
        double c = Options.NormalMultiple * sqrtH;
        double total = c * sigma;
        int n = Factors.Count;
        ReadOnlySpan<double> cov = Factors.DailyCovariance.Values;
        ReadOnlySpan<double> vol = Factors.DailyVolatilities;
        ReadOnlySpan<double> e = x.FactorDelta;
        int[] used = x.UsedFactorArray;
        var marginal = new double[n];
        var factors = ImmutableArray.CreateBuilder<FactorRisk>(used.Length);
        double undiversified = 0;
        foreach (int k in used)
        {
            marginal[k] = sigma > 0 ? c * se[k] / sigma : 0.0;
            double standalone = c * Math.Abs(e[k]) * vol[k];
            undiversified += standalone;
            factors.Add(new FactorRisk(Factors.Labels[k], e[k], standalone, marginal[k], e[k] * marginal[k],
                Incremental(total, c, variance, e[k], se[k], cov[(k * n) + k])));
        }

        var positions = ImmutableArray.CreateBuilder<PositionRisk>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            int k = x.PositionFactor[i];
            double ei = x.PositionDelta[i];
            positions.Add(new PositionRisk(i, portfolio.Portfolio[i].Instrument.Name, Factors.Labels[k], ei, c * Math.Abs(ei) * vol[k], marginal[k],
                ei * marginal[k], Incremental(total, c, variance, ei, se[k], cov[(k * n) + k])));
        }

        double var = Options.Z * sqrtH * sigma, es = Options.EsFactor * sqrtH * sigma;
        return new VaRDecomposition(Options, sigma, var, es, total, undiversified, Math.Max(undiversified - total, 0.0),
            factors.MoveToImmutable(), positions.MoveToImmutable());
    }

    /// <summary><c>M(P) − c·√(σ_p² − 2·e_i·(Σe)_k + e_i²·Σ_kk)</c>: the measure without exposure <c>e_i</c> on factor <c>k</c>.</summary>
    private static double Incremental(double total, double c, double variance, double ei, double sek, double skk) =>
        total - (c * Math.Sqrt(Math.Max(variance - (2 * ei * sek) + (ei * ei * skk), 0.0)));

    /// <summary><c>(Σe)_k</c> for the factors the book holds (0 elsewhere; one dot product over a covariance row each) and <c>eᵀΣe</c> (≥ 0).</summary>
    internal static (double[] SigmaE, double Variance) Core(VaRExposures x)
    {
        int n = x.Factors.Count;
        ReadOnlySpan<double> cov = x.Factors.DailyCovariance.Values;
        ReadOnlySpan<double> e = x.FactorDelta;
        var se = new double[n];
        double variance = 0;
        foreach (int k in x.UsedFactorArray)
        {
            se[k] = TensorPrimitives.Dot(cov.Slice(k * n, n), e);
            variance += e[k] * se[k];
        }

        if (!double.IsFinite(variance))
        {
            // Finite exposures whose products overflow (e.g. 1e200 USD): a NaN here would become a margin of 0.
            Guard.ThrowArgument(string.Create(CultureInfo.InvariantCulture,
                $"VaR: the variance e'Σe of the book's dollar deltas is {variance:G6}; the exposures (largest |e| = {TensorPrimitives.MaxMagnitude(e):G6}) are too large for the double range. The book is outside the range the model computes."),
                "portfolio");
        }

        return (se, Math.Max(variance, 0.0));
    }
}
