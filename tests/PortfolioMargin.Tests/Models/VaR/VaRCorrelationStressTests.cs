using PortfolioMargin.Correlation;
using PortfolioMargin.Instruments;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Models.VaR;

/// <summary>The covariance-VaR correlation stress through <see cref="IStressMarginModel"/> and <see cref="StressTest"/>.</summary>
public sealed class VaRCorrelationStressTests
{
    private static readonly double[] Vols = [0.035, 0.045];

    private static readonly CorrelationMatrix Base = new(["BTC", "ETH"], new double[,] { { 1, 0.3 }, { 0.3, 1 } });

    private static readonly VaRFactors Factors = VaRFactors.Create(Base, Vols);

    /// <summary>Correlation 0.3 blended 90 % towards all ones: 0.93.</summary>
    private static readonly CorrelationMatrix TowardsOne = CorrelationStress.BlendTowardsOne(Base, 0.9);

    private static readonly ScenarioSet Stress = StressScenarios.Set("correlation stress",
        StressScenarios.Create("CRASH", "BTC -30 %, ETH -40 %, vols +50 %", new Dictionary<string, double> { ["BTC"] = -0.30, ["ETH"] = -0.40 }, volMove: 0.5),
        StressScenarios.Create("CORR1", "Correlation -> 1 (prices unchanged)", new Dictionary<string, double> { ["BTC"] = 0, ["ETH"] = 0 }));

    private static readonly Dictionary<string, CorrelationMatrix> Overrides = new() { ["CORR1"] = TowardsOne };

    // Undiversified long book: long BTC and long ETH (perpetuals and a long call).
    private static Portfolio LongBook() => new(
        new Position(new Perpetual(Btc), 2), new Position(new Perpetual(Eth), 30), new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), 1));

    public static TheoryData<string> Models => ["delta-normal", "delta-gamma"];

    private static IStressMarginModel Build(string kind, VaRFactors factors, VaROptions? options = null) =>
        kind == "delta-normal" ? new DeltaNormalVaR(factors, options) : new DeltaGammaVaR(factors, options);

    [Theory]
    [MemberData(nameof(Models))]
    public void Correlation_stress_towards_one_raises_the_VaR_of_an_undiversified_long_book_and_is_reported(string kind)
    {
        IStressMarginModel model = Build(kind, Factors);
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(LongBook(), Snapshot()), Stress, model, Overrides);
        StressScenarioResult corr = r.Scenarios[1];
        double unstressed = model.Calculate(LongBook(), Snapshot()).InitialMargin;
        Assert.True(corr.CorrelationOverrideApplied);
        Assert.False(r.Scenarios[0].CorrelationOverrideApplied);
        Assert.True(corr.MarginUnderStress.InitialMargin > 1.1 * unstressed, $"{corr.MarginUnderStress.InitialMargin} vs {unstressed}");
        Assert.Contains(corr.MarginUnderStress.Diagnostics, d => d.Code == "CORRELATION_STRESS" && d.Message.Contains("'CORR1'", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Scenarios[0].MarginUnderStress.Diagnostics, d => d.Code == "CORRELATION_STRESS");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Stressed_margin_matches_the_model_built_with_that_matrix_directly(string kind)
    {
        IStressMarginModel model = Build(kind, Factors);
        StressReport r = StressTest.Run(ResolvedPortfolio.Resolve(LongBook(), Snapshot()), Stress, model, Overrides);
        IMarginModel direct = Build(kind, VaRFactors.Create(TowardsOne, Vols));
        MarginResult expected = direct.Calculate(LongBook(), Snapshot()); // CORR1 moves no price: the shocked snapshot is the base one
        Assert.Equal(expected.InitialMargin, r.Scenarios[1].MarginUnderStress.InitialMargin, 1e-9 * expected.InitialMargin);
        Assert.Equal(expected.Contributions.Select(c => c.Initial), r.Scenarios[1].MarginUnderStress.Contributions.Select(c => c.Initial),
            (a, b) => Math.Abs(a - b) <= 1e-9 * expected.InitialMargin);
    }

    [Fact]
    public void A_partial_override_is_matched_by_label_and_keeps_the_other_pairs()
    {
        string[] labels = ["BTC", "ETH", "SOL"];
        var c = new double[,] { { 1, 0.5, 0.4 }, { 0.5, 1, 0.3 }, { 0.4, 0.3, 1 } };
        double[] vols = [0.035, 0.045, 0.06];
        var model = new DeltaNormalVaR(VaRFactors.Create(labels, vols, c));
        var partial = new CorrelationMatrix(["ETH", "BTC"], new double[,] { { 1, 0.9 }, { 0.9, 1 } }); // reversed label order
        var merged = new double[,] { { 1, 0.9, 0.4 }, { 0.9, 1, 0.3 }, { 0.4, 0.3, 1 } };
        var direct = new DeltaNormalVaR(VaRFactors.Create(labels, vols, merged));
        var shocked = ResolvedPortfolio.Resolve(LongBook(), Snapshot());
        Scenario s = Stress.Scenarios[1];
        Assert.Equal(direct.Calculate(shocked).InitialMargin, model.CalculateUnderStress(shocked, s, partial).InitialMargin, 1e-9);
        Assert.Equal(model.Calculate(shocked).InitialMargin, model.CalculateUnderStress(shocked, s, null).InitialMargin);
    }

    [Fact]
    public void A_merged_override_that_is_not_PSD_is_refused_unless_the_repair_option_says_otherwise()
    {
        string[] labels = ["BTC", "ETH", "SOL"];
        var c = new double[,] { { 1, 0.9, 0.9 }, { 0.9, 1, 0.9 }, { 0.9, 0.9, 1 } };
        double[] vols = [0.035, 0.045, 0.06];
        var anti = new CorrelationMatrix(["ETH", "SOL"], new double[,] { { 1, -0.9 }, { -0.9, 1 } }); // valid alone, not PSD merged
        var shocked = ResolvedPortfolio.Resolve(LongBook(), Snapshot());
        Scenario s = Stress.Scenarios[1];

        var refusing = new DeltaNormalVaR(VaRFactors.Create(labels, vols, c));
        var ex = Assert.Throws<MatrixValidationException>(() => refusing.CalculateUnderStress(shocked, s, anti));
        Assert.Equal(MatrixRule.PositiveSemiDefinite, ex.Rule);
        Assert.Contains("scenario 'CORR1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("StressCorrelationRepair", ex.Message, StringComparison.Ordinal);

        var repairing = new DeltaNormalVaR(VaRFactors.Create(labels, vols, c), new VaROptions { StressCorrelationRepair = CorrelationRepair.NearestCorrelation });
        MarginResult m = repairing.CalculateUnderStress(shocked, s, anti);
        Assert.Contains(m.Diagnostics, d => d.Code == "CORRELATION_REPAIRED");
        Assert.Contains(m.Diagnostics, d => d.Code == "CORRELATION_STRESS");
        Assert.True(m.InitialMargin > 0);
    }

    [Fact]
    public void An_override_label_that_is_not_a_factor_is_named()
    {
        var model = new DeltaNormalVaR(Factors);
        var bad = new CorrelationMatrix(["BTC", "XRP"], new double[,] { { 1, 0.5 }, { 0.5, 1 } });
        var ex = Assert.Throws<ArgumentException>(() => model.CalculateUnderStress(ResolvedPortfolio.Resolve(LongBook(), Snapshot()), Stress.Scenarios[1], bad));
        Assert.Contains("label 'XRP'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("scenario 'CORR1'", ex.Message, StringComparison.Ordinal);
    }
}
