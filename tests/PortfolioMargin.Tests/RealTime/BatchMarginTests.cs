using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Models;
using PortfolioMargin.Models.Isolated;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.RealTime;

/// <summary>
/// Issue 18 §6: one bad account does not sink a batch. <see cref="BatchMargin.CalculateEach(IReadOnlyList{Account}, IMarginModel, MarketSnapshot, BatchOptions?, AccountThresholds?)"/>
/// returns every item's outcome (result, or a <see cref="BatchMarginException"/> naming the account or book and the
/// failure); fail-fast stops at the first failure; a model's <see cref="NotSupportedException"/> is named, never an
/// <see cref="AggregateException"/> naming nothing.
/// </summary>
public sealed class BatchMarginTests
{
    /// <summary>The isolated model, except that it does not support short books (first position short): a model with a gap, as a user's model may have.</summary>
    private sealed class NoShortsModel : IMarginModel
    {
        private int _calls;

        public string Name => "no-shorts";

        public int Calls => _calls;

        public MarginResult Calculate(ResolvedPortfolio portfolio)
        {
            Interlocked.Increment(ref _calls);
            return portfolio.Count > 0 && portfolio.Quantity[0] < 0
                ? throw new NotSupportedException($"{Name} does not margin short books.")
                : new IsolatedModel().Calculate(portfolio);
        }
    }

    private static Portfolio Book(double quantity) => new(new Position(new Perpetual(Btc), quantity), new Position(new SpotInstrument(Eth), 2));

    private static Account Good(int i) => new($"acc-{i}", Book(1 + i), [new CollateralBalance(Currency.Usd, 100_000)]);

    [Fact]
    public void The_good_accounts_come_back_and_each_bad_one_is_named_with_its_cause()
    {
        List<Account> accounts = [.. Enumerable.Range(0, 50).Select(Good)];
        accounts[17] = new Account("no-price", Book(1), [new CollateralBalance(new Currency("DOGE"), 1)]);
        accounts[30] = new Account("shorts", Book(-1), [new CollateralBalance(Currency.Usd, 100_000)]);
        var model = new NoShortsModel();
        MarketSnapshot m = Snapshot();
        foreach (int? dop in (int?[])[null, 1, 3])
        {
            BatchResult<AccountMargin> r = BatchMargin.CalculateEach(accounts, model, m, new BatchOptions { MaxDegreeOfParallelism = dop });
            Assert.Equal(50, r.Outcomes.Length);
            Assert.Equal(2, r.FailureCount);
            Assert.False(r.AllSucceeded);
            Assert.Equal([17, 30], r.Failures.Select(f => f.Index));
            Assert.Equal(48, r.Results.Count());

            BatchMarginException noPrice = r.Outcomes[17].Error!;
            Assert.Equal("no-price", noPrice.AccountId);
            Assert.StartsWith("Batch margin failed for account 'no-price' (#17) (MissingMarketDataException):", noPrice.Message, StringComparison.Ordinal);
            Assert.IsType<MissingMarketDataException>(noPrice.InnerException);
            BatchMarginException shorts = r.Outcomes[30].Error!;
            Assert.StartsWith("Batch margin failed for account 'shorts' (#30) (NotSupportedException): no-shorts does not margin short books.", shorts.Message, StringComparison.Ordinal);
            Assert.IsType<NotSupportedException>(shorts.InnerException);

            for (int i = 0; i < 50; i++)
            {
                BatchOutcome<AccountMargin> o = r.Outcomes[i];
                Assert.Equal(i, o.Index);
                Assert.Equal(i is not (17 or 30), o.Succeeded);
                if (o.Succeeded)
                {
                    Assert.Same(accounts[i], o.Result!.Account);
                    Assert.Equal(AccountCalculator.Calculate(accounts[i], model, m).InitialMargin, o.Result.InitialMargin);
                }
            }

            Assert.Same(r.Outcomes[17].Error, Assert.Throws<BatchMarginException>(() => r.GetResultsOrThrow()));
        }
    }

    [Fact]
    public void A_models_not_supported_exception_is_named_not_an_aggregate_exception()
    {
        List<Portfolio> books = [Book(1), Book(2), Book(3), Book(-4), Book(5)];
        var model = new NoShortsModel();
        foreach (int? dop in (int?[])[null, 1, 4])
        {
            BatchMarginException e = Assert.Throws<BatchMarginException>(() => BatchMargin.Calculate(books, model, Snapshot(), dop));
            Assert.Equal("portfolio #3", e.Item);
            Assert.Null(e.AccountId);
            Assert.Contains("portfolio #3 (NotSupportedException): no-shorts does not margin short books.", e.Message, StringComparison.Ordinal);
            Assert.IsType<NotSupportedException>(e.InnerException);
            Assert.IsAssignableFrom<InvalidOperationException>(e);
        }

        BatchResult<MarginResult> each = BatchMargin.CalculateEach(books, model, Snapshot());
        Assert.Equal([0, 1, 2, 4], each.Outcomes.Where(o => o.Succeeded).Select(o => o.Index));
    }

    [Fact]
    public void Fail_fast_stops_at_the_first_failure_and_throws_it()
    {
        List<Account> accounts = [.. Enumerable.Range(0, 200).Select(Good)];
        accounts[5] = new Account("shorts", Book(-1), [new CollateralBalance(Currency.Usd, 100_000)]);
        var model = new NoShortsModel();
        BatchMarginException e = Assert.Throws<BatchMarginException>(() =>
            BatchMargin.CalculateEach(accounts, model, Snapshot(), new BatchOptions { FailFast = true, MaxDegreeOfParallelism = 1 }));
        Assert.Equal(5, e.Index);
        Assert.Equal(6, model.Calls);

        // All or nothing (Calculate) fails fast too (on every core how many accounts start before the flag is seen
        // depends on the scheduler; with one thread it is exact).
        var again = new NoShortsModel();
        Assert.Equal(5, Assert.Throws<BatchMarginException>(() => BatchMargin.Calculate(accounts, again, Snapshot(), maxDegreeOfParallelism: 1)).Index);
        Assert.Equal(6, again.Calls);
        Assert.Equal(5, Assert.Throws<BatchMarginException>(() => BatchMargin.Calculate(accounts, new NoShortsModel(), Snapshot())).Index);
    }

    [Fact]
    public void Options_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchOptions { MaxDegreeOfParallelism = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchMargin.Calculate([Good(0)], new NoShortsModel(), Snapshot(), maxDegreeOfParallelism: 0));
        BatchMarginException e = BatchMargin.CalculateEach([Good(0), null!], new NoShortsModel(), Snapshot()).Outcomes[1].Error!;
        Assert.Contains("Account #1 is null", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 60)]
    public Property Every_outcome_is_the_item_alone_a_result_exactly_when_it_succeeds_alone() =>
        Prop.ForAll(
            (from n in Gen.Choose(0, 60)
             from quantities in Gen.ArrayOf(Gen.Choose(-3, 9), n)
             from dop in Gen.Elements<int?>(null, 1, 2, 5)
             select (quantities, dop)).ToArbitrary(),
            c =>
            {
                List<Portfolio> books = [.. c.quantities.Select(q => Book(q == 0 ? 0.5 : q))];
                var model = new NoShortsModel();
                BatchResult<MarginResult> r = BatchMargin.CalculateEach(books, model, Snapshot(), new BatchOptions { MaxDegreeOfParallelism = c.dop });
                return r.Outcomes.Length == books.Count && r.FailureCount == books.Count(b => b[0].Quantity < 0)
                    && r.Outcomes.Select((o, i) => o.Index == i && (o.Succeeded
                        ? o.Result!.InitialMargin == model.Calculate(books[i], Snapshot()).InitialMargin
                        : books[i][0].Quantity < 0 && o.Error!.Item == $"portfolio #{i}" && o.Error.InnerException is NotSupportedException)).All(x => x);
            });
}
