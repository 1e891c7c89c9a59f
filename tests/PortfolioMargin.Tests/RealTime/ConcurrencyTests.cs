using PortfolioMargin.MarketData;
using PortfolioMargin.Models.Grid;
using PortfolioMargin.Models;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Tests.Models.Grid;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>Many threads over shared models, snapshots and calculators give the sequential results; batch keeps input order.</summary>
public sealed class ConcurrencyTests
{
    private static List<Account> Accounts(int n)
    {
        var rng = new Random(5);
        return [.. Enumerable.Range(0, n).Select(i => new Account($"acc-{i}",
            new Portfolio(Enumerable.Range(0, 1 + rng.Next(6)).Select(_ => new Position(GridWhatIfTests.Pool[rng.Next(GridWhatIfTests.Pool.Length)], rng.Next(-5, 6) + 0.5))),
            [new CollateralBalance(PortfolioMargin.Currency.Usd, rng.Next(1_000, 50_000)), new CollateralBalance(PortfolioMargin.Currency.Btc, rng.Next(0, 3), 0.05)]))];
    }

    [Fact]
    public void Batch_on_every_core_equals_the_sequential_results_in_input_order()
    {
        List<Account> accounts = Accounts(300);
        MarketSnapshot m = Snapshot();
        var sequential = accounts.Select(a => AccountCalculator.Calculate(a, GridWhatIfTests.Model, m)).ToList();
        foreach (int? dop in new int?[] { null, 1, 4 })
        {
            var batch = BatchMargin.Calculate(accounts, GridWhatIfTests.Model, m, dop);
            Assert.Equal(accounts.Count, batch.Length);
            for (int i = 0; i < accounts.Count; i++)
            {
                Assert.Same(accounts[i], batch[i].Account);
                Assert.Equal(sequential[i].InitialMargin, batch[i].InitialMargin);
                Assert.Equal(sequential[i].Equity, batch[i].Equity);
                Assert.Equal(sequential[i].Status, batch[i].Status);
            }
        }

        var books = BatchMargin.Calculate(accounts.Select(a => a.Positions).ToList(), GridWhatIfTests.Model, m);
        Assert.Equal(GridWhatIfTests.Model.Calculate(accounts[7].Positions, m).InitialMargin, books[7].InitialMargin);
    }

    [Fact]
    public void Many_threads_asking_one_shared_what_if_calculator_get_the_sequential_answers()
    {
        var calc = GridWhatIf.Create(GridWhatIfTests.Model, GridModelTests.MixedBook(), Snapshot());
        var rng = new Random(3);
        Position[][] orders = [.. Enumerable.Range(0, 64).Select(_ => new[] { new Position(GridWhatIfTests.Pool[rng.Next(GridWhatIfTests.Pool.Length)], rng.Next(-5, 6) + 0.5) })];
        double[] sequential = [.. orders.Select(o => calc.WhatIf(o).InitialAfter)];
        var parallel = new double[orders.Length * 8];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            parallel[i] = (i % 3 == 0 ? calc.Apply(orders[i % orders.Length]).InitialMargin : calc.WhatIf(orders[i % orders.Length]).InitialAfter);
        });
        for (int i = 0; i < parallel.Length; i++)
        {
            Assert.Equal(sequential[i % orders.Length], parallel[i], 1e-9);
        }

        Assert.Equal(GridWhatIfTests.Model.Calculate(GridModelTests.MixedBook(), Snapshot()).InitialMargin, calc.InitialMargin, 1e-7); // unchanged by Apply
    }

    [Fact]
    public void A_failing_account_is_named_in_the_batch_error()
    {
        List<Account> accounts = Accounts(50);
        accounts[17] = new Account("no-price", Portfolio.Empty, [new CollateralBalance(new Currency("DOGE"), 1)]);
        InvalidOperationException ex = Assert.Throws<BatchMarginException>(() => BatchMargin.Calculate(accounts, GridWhatIfTests.Model, Snapshot()));
        Assert.Contains("'no-price' (#17)", ex.Message, StringComparison.Ordinal);
        Assert.IsType<MissingMarketDataException>(ex.InnerException);
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchMargin.Calculate(accounts, GridWhatIfTests.Model, Snapshot(), maxDegreeOfParallelism: 0));
    }

    [Fact]
    public void A_grid_results_breakdown_built_on_first_use_is_one_tree_for_every_thread()
    {
        MarketSnapshot m = Snapshot();
        Portfolio book = Accounts(1)[0].Positions;
        PortfolioMargin.Models.MarginResult shared = GridWhatIfTests.Model.Calculate(book, m);
        var seen = new PortfolioMargin.Models.MarginNode[64];
        Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => seen[i] = shared.Breakdown);
        Assert.All(seen, n => Assert.Same(seen[0], n));
        Assert.Same(seen[0], shared.Breakdown);
        // The tree is the one a fresh computation builds, and its root carries the totals.
        Assert.Equal(GridWhatIfTests.Model.Calculate(book, m).Breakdown.ToText(), seen[0].ToText());
        Assert.Equal(shared.MaintenanceMargin, seen[0].Maintenance);
        Assert.Equal(shared.InitialMargin, seen[0].Initial);
        Assert.Equal(shared.MaintenanceMargin, seen[0].Children.Sum(g => g.Maintenance), 1e-9 * Math.Max(1, shared.MaintenanceMargin));
    }
}
