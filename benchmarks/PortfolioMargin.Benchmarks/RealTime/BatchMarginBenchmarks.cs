using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;

namespace PortfolioMargin.Benchmarks.RealTime;

/// <summary>
/// Margining 10,000 independent accounts of 20 positions (five underlyings, USD and BTC collateral, Deribit-style
/// grid) on every core against one thread (baseline). Target on the 2-core CI machine: ≥ 1.7× (ratio ≤ 0.59).
/// Server GC (as a batch service would run): margining allocates, and workstation GC pauses every thread per gen-0 collection.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
public class BatchMarginBenchmarks
{
    private ScenarioGridModel _model = null!;
    private MarketSnapshot _market = null!;
    private Account[] _accounts = null!;

    [GlobalSetup]
    public void Setup()
    {
        _market = RealTimeBooks.Market();
        _model = new ScenarioGridModel(GridPresets.DeribitStyle(RealTimeBooks.Symbols, 1.25));
        var rng = new Random(17);
        _accounts = [.. Enumerable.Range(0, 10_000).Select(i => new Account($"acc-{i}",
            new Portfolio(Enumerable.Range(0, 20).Select(_ => RealTimeBooks.RandomPosition(rng, rng.Next(RealTimeBooks.Underlyings.Length)))),
            [new CollateralBalance(Currency.Usd, 1_000_000), new CollateralBalance(Currency.Btc, 2, 0.05)]))];
    }

    [Benchmark(Baseline = true, Description = "10,000 accounts x 20 positions, one thread")]
    public int OneThread() => BatchMargin.Calculate(_accounts, _model, _market, maxDegreeOfParallelism: 1).Length;

    [Benchmark(Description = "10,000 accounts x 20 positions, every core")]
    public int EveryCore() => BatchMargin.Calculate(_accounts, _model, _market).Length;
}

/// <summary>
/// The same batch with server GC and a 128 MB gen-0 budget (<c>DOTNET_GCgen0size=0x8000000</c>), a common
/// batch-service setting: margining allocates ~35 KB per account and the results survive, so gen-0 collections are
/// what limits the parallel speedup. The setting is applied as a mutator, so it combines with any job given on the
/// command line.
/// </summary>
[Config(typeof(Gen0BudgetConfig))]
public class BatchMarginLargeGen0Benchmarks : BatchMarginBenchmarks
{
    private sealed class Gen0BudgetConfig : ManualConfig
    {
        public Gen0BudgetConfig() =>
            AddJob(Job.Default.WithGcServer(true).WithEnvironmentVariable("DOTNET_GCgen0size", "0x8000000").AsMutator());
    }
}
