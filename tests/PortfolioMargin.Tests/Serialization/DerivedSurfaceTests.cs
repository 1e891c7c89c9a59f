using PortfolioMargin.Instruments;
using PortfolioMargin.Portfolios;
using PortfolioMargin.RealTime;
using PortfolioMargin.Scenarios;
using PortfolioMargin.Serialization;
using Xunit;
using static PortfolioMargin.Tests.Domain.TestMarket;

namespace PortfolioMargin.Tests.Serialization;

public sealed class DerivedSurfaceTests
{
    [Fact]
    public void A_stress_shocked_snapshot_is_refused_by_the_writer_with_the_underlying_named()
    {
        var book = new Portfolio(new Position(new EuropeanOption(Btc, OptionRight.Call, 65_000, Mar), 1));
        var shocked = MarketShock.Scenario(Snapshot(), book, Scenario.Uniform("UP", "up", new UnderlyingShock(0.1, 0.05)));
        var ex = Assert.Throws<InvalidOperationException>(() => MarketSnapshotJson.ToJson(shocked));
        Assert.Contains("'BTC'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("\"BTC\"", MarketSnapshotJson.ToJson(Snapshot()), StringComparison.Ordinal);
    }
}
