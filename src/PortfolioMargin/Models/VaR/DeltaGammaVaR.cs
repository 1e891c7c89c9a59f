using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.Portfolios;
using PortfolioMargin.Scenarios;

namespace PortfolioMargin.Models.VaR;

/// <summary>
/// Delta-gamma VaR with the Cornish–Fisher expansion (spec §6.3): the P&amp;L over the horizon is approximated by
/// <c>Q = eᵀx + ½·xᵀΓx</c> with <c>x ~ N(0, h·Σ)</c> (dollar deltas <c>e</c> and diagonal dollar gammas <c>Γ</c> from
/// <see cref="VaRExposures"/>), its moments are computed exactly (<see cref="DeltaGammaMoments"/>) and
/// <c>VaR = −(μ + σ·z_cf)</c> with <c>z_cf</c> the Cornish–Fisher quantile at <c>z = Φ⁻¹(1 − α)</c>.
/// Margin <c>MM = IM = multiplier · max(VaR, 0)</c>. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// <para>Contributions: VaR is homogeneous of degree 1 in the positions, so the Euler allocation
/// <c>c_i = e_i·∂VaR/∂e_k + g_i·∂VaR/∂g_k</c> (exact analytic gradient) sums to VaR.</para>
/// <para>What-if: <see cref="CreateWhatIf"/> keeps the per-factor <c>e</c> and <c>g</c> and recomputes the moments of the
/// held factors per order (<see cref="DeltaGammaWhatIf"/>).</para>
/// <para>Only VaR is offered (<see cref="VaRMeasure.ValueAtRisk"/>); Cornish–Fisher is a quantile approximation and is
/// poor in the far tail of strongly skewed books (|S| ≳ 1), where <see cref="MonteCarloVaR"/> should be preferred.</para>
/// </remarks>
public sealed class DeltaGammaVaR : IStandaloneMarginModel, IWhatIfMarginModel, IStressMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="factors">Risk factors.</param>
    /// <param name="options">Options (measure must be VaR); default when null.</param>
    /// <param name="validity">When the quadratic approximation is trusted (<see cref="DeltaGammaOptions"/>: report or refuse books outside it); default when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the measure is ES (named).</exception>
    public DeltaGammaVaR(VaRFactors factors, VaROptions? options = null, DeltaGammaOptions? validity = null)
    {
        ArgumentNullException.ThrowIfNull(factors);
        options ??= VaROptions.Default;
        options.Validate();
        validity ??= DeltaGammaOptions.Default;
        validity.Validate();
        Validity = validity;
        if (options.Measure != VaRMeasure.ValueAtRisk)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Measure, "Delta-gamma Cornish-Fisher gives VaR only; use Measure = ValueAtRisk, or MonteCarloVaR for ES.");
        }

        Factors = factors;
        Options = options;
        Name = "DeltaGammaVaR(" + options.Describe() + ", Cornish-Fisher)";
    }

    /// <summary>The risk factors.</summary>
    public VaRFactors Factors { get; }

    /// <summary>The options.</summary>
    public VaROptions Options { get; }

    /// <summary>When the quadratic approximation is trusted (see <see cref="DeltaGammaOptions"/>).</summary>
    public DeltaGammaOptions Validity { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The moments of the delta-gamma P&amp;L of the book over the horizon.</summary>
    /// <param name="portfolio">The resolved portfolio.</param>
    /// <returns>Mean, standard deviation, skewness and excess kurtosis.</returns>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public DeltaGammaMoments Moments(ResolvedPortfolio portfolio) => Evaluate(portfolio, Factors, null).Outcome.Moments;

    /// <inheritdoc />
    /// <remarks>An option position outside the approximation's validity (<see cref="DeltaGammaOptions"/>) adds a
    /// <c>DELTA_GAMMA_OUT_OF_RANGE</c> diagnostic, or is refused when <see cref="DeltaGammaOptions.RefuseOutsideValidity"/> is set.</remarks>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks, a position's exposures are not finite (named), or a position is
    /// outside the validity and the options say to refuse it.</exception>
    public MarginResult Calculate(ResolvedPortfolio portfolio) => CalculateOn(portfolio, Factors, Factors.Diagnostics);

    /// <summary>
    /// The incremental what-if calculator for <paramref name="book"/>: keeps the per-factor dollar deltas and gammas and
    /// answers an order from them without touching the book's positions (<see cref="DeltaGammaWhatIf"/>).
    /// </summary>
    /// <param name="book">The book, resolved against the snapshot orders will be valued on.</param>
    /// <returns>The calculator.</returns>
    /// <exception cref="ArgumentException">The book needs a factor the set lacks (named).</exception>
    public DeltaGammaWhatIf CreateWhatIf(ResolvedPortfolio book) => new(this, book);

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
        var contribution = new double[Guard.NotNull(portfolio).Count];
        (DeltaGammaCore.Outcome o, VaRExposures x) = Evaluate(portfolio, factors, contribution);
        DeltaGammaMoments mo = o.Moments;
        ImmutableArray<MarginDiagnostic> outside = DeltaGammaValidity.Check(portfolio, x, factors, Options, Validity, o.ValueAtRisk);
        diagnostics = outside.IsEmpty ? diagnostics : diagnostics.AddRange(outside);
        string note = string.Create(CultureInfo.InvariantCulture,
            $"mean {mo.Mean:G8}, sd {mo.StandardDeviation:G8}, skew {mo.Skewness:G6}, excess kurtosis {mo.ExcessKurtosis:G6}; z_cf {o.ZCornishFisher:G8}");
        return VaRResult.Build(Name, portfolio, factors.Labels, diagnostics, Options, o.ValueAtRisk, contribution, x.PositionFactor, note);
    }

    /// <inheritdoc />
    public (MarginResult Portfolio, ImmutableArray<double> StandaloneInitial) CalculateWithStandalone(ResolvedPortfolio portfolio)
    {
        MarginResult result = Calculate(portfolio);
        VaRExposures x = VaRExposures.Of(portfolio, Factors);
        ReadOnlySpan<double> vol = Factors.DailyVolatilities;
        var standalone = ImmutableArray.CreateBuilder<double>(portfolio.Count);
        for (int i = 0; i < portfolio.Count; i++)
        {
            double s = vol[x.PositionFactor[i]];
            DeltaGammaCore.Outcome alone = DeltaGammaCore.Compute(1, [Options.HorizonDays * s * s], [x.PositionDelta[i]], [x.PositionGamma[i]], -Options.Z, default, default);
            DeltaGammaCore.CheckFinite(alone, nameof(portfolio));
            double var = alone.ValueAtRisk;
            standalone.Add(var > 0 ? var * Options.Multiplier : 0.0);
        }

        return (result, standalone.MoveToImmutable());
    }

    private (DeltaGammaCore.Outcome Outcome, VaRExposures Exposures) Evaluate(ResolvedPortfolio portfolio, VaRFactors factors, double[]? contribution)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        VaRExposures x = VaRExposures.Of(portfolio, factors);
        int[] used = x.UsedFactorArray;
        int m = used.Length, n = factors.Count;
        ReadOnlySpan<double> cov = factors.DailyCovariance.Values;
        var a = new double[m * m];
        var e = new double[m];
        var g = new double[m];
        var slot = new int[n];
        for (int i = 0; i < m; i++)
        {
            slot[used[i]] = i;
            e[i] = x.FactorDelta[used[i]];
            g[i] = x.FactorGamma[used[i]];
        }

        DeltaGammaCore.HorizonBlock(used, cov, n, Options.HorizonDays, a);

        double[] de = contribution is null ? [] : new double[m], dg = contribution is null ? [] : new double[m];
        DeltaGammaCore.Outcome o = DeltaGammaCore.Compute(m, a, e, g, -Options.Z, de, dg);
        DeltaGammaCore.CheckFinite(o, nameof(portfolio));
        if (contribution is not null)
        {
            for (int i = 0; i < contribution.Length; i++)
            {
                int j = slot[x.PositionFactor[i]];
                contribution[i] = (x.PositionDelta[i] * de[j]) + (x.PositionGamma[i] * dg[j]);
            }
        }

        return (o, x);
    }
}
