using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Correlation;
using PortfolioMargin.Models;
using PortfolioMargin.Models.VaR;

namespace PortfolioMargin.Solvency;

/// <summary>
/// VaR models recalibrated on every back-test date from the returns of a <see cref="HistoricalMarket"/>'s own
/// history up to and including that date (no look-ahead): a trailing window of <c>window</c> relative close-to-close
/// returns. Each schedule starts on the first date with a full window.
/// </summary>
public static class RollingModels
{
    /// <summary>
    /// Delta-normal VaR on the EWMA covariance (<see cref="CovarianceEstimator.Ewma"/>, normalised weights) of the
    /// trailing window.
    /// </summary>
    /// <param name="market">The back-test market (its history and underlyings).</param>
    /// <param name="options">VaR options; null for the default (99 %, 1 day).</param>
    /// <param name="window">Returns in the window, in [2, 10000]; default 250.</param>
    /// <param name="lambda">EWMA decay in (0, 1); default 0.94.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window or λ is out of range, or the history is shorter than the window.</exception>
    public static MarginModelSchedule DeltaNormal(HistoricalMarket market, VaROptions? options = null, int window = 250, double lambda = 0.94)
    {
        options ??= VaROptions.Default;
        options.Validate();
        return Schedule(market, window, lambda, string.Create(CultureInfo.InvariantCulture, $"DeltaNormalVaR({options.Describe()}) on EWMA({lambda:G3}) covariance of {window} trailing returns"),
            (symbols, returns) => new DeltaNormalVaR(VaRFactors.FromCovariance(CovarianceEstimator.Ewma(symbols, returns, lambda)), options));
    }

    /// <summary>
    /// Monte Carlo full-revaluation VaR (e.g. Student-t shocks scaled to the covariance) on the EWMA covariance of the
    /// trailing window.
    /// </summary>
    /// <param name="market">The back-test market.</param>
    /// <param name="options">VaR options; null for the default.</param>
    /// <param name="simulation">Monte Carlo options (paths, distribution, degrees of freedom, seed); null for the default.</param>
    /// <param name="window">Returns in the window, in [2, 10000]; default 250.</param>
    /// <param name="lambda">EWMA decay in (0, 1); default 0.94.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option, the window or λ is out of range, or the history is shorter than the window.</exception>
    public static MarginModelSchedule MonteCarlo(HistoricalMarket market, VaROptions? options = null, MonteCarloOptions? simulation = null, int window = 250, double lambda = 0.94)
    {
        options ??= VaROptions.Default;
        simulation ??= MonteCarloOptions.Default;
        options.Validate();
        simulation.Validate();
        string dist = simulation.Distribution == ShockDistribution.StudentT
            ? string.Create(CultureInfo.InvariantCulture, $"Student-t({simulation.DegreesOfFreedom:G3})") : "normal";
        return Schedule(market, window, lambda, string.Create(CultureInfo.InvariantCulture,
            $"MonteCarloVaR({options.Describe()}, {simulation.Paths} {dist} paths) on EWMA({lambda:G3}) covariance of {window} trailing returns"),
            (symbols, returns) => new MonteCarloVaR(VaRFactors.FromCovariance(CovarianceEstimator.Ewma(symbols, returns, lambda)), options, simulation));
    }

    /// <summary>Historical-simulation VaR on the trailing window (optionally EWMA volatility-filtered, Hull–White).</summary>
    /// <param name="market">The back-test market.</param>
    /// <param name="options">VaR options; null for the default.</param>
    /// <param name="window">Returns in the window, in [2, 10000]; default 250.</param>
    /// <param name="ewmaLambda">Decay of the volatility filter in (0, 1), or null for raw returns (default).</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The window or λ is out of range, or the history is shorter than the window.</exception>
    public static MarginModelSchedule Historical(HistoricalMarket market, VaROptions? options = null, int window = 250, double? ewmaLambda = null)
    {
        options ??= VaROptions.Default;
        options.Validate();
        string filter = ewmaLambda is { } l ? string.Create(CultureInfo.InvariantCulture, $", EWMA-filtered ({l:G3})") : "";
        return Schedule(market, window, ewmaLambda, string.Create(CultureInfo.InvariantCulture, $"HistoricalVaR({options.Describe()}) on {window} trailing returns{filter}"),
            (symbols, returns) => new HistoricalVaR(symbols, returns, options, ewmaLambda));
    }

    private static MarginModelSchedule Schedule(HistoricalMarket market, int window, double? lambda, string name, Func<ImmutableArray<string>, double[,], IMarginModel> build)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (window is < 2 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The look-back window must be 2 to 10000 returns.");
        }

        if (lambda is { } l && !(l > 0 && l < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "EWMA lambda must be in (0, 1), e.g. 0.94.");
        }

        if (market.Dates.Length <= window)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, string.Create(CultureInfo.InvariantCulture,
                $"The history has {market.Dates.Length} dates; a window of {window} returns needs more."));
        }

        ImmutableArray<string> symbols = [.. market.Underlyings.Select(u => u.Symbol)];
        return MarginModelSchedule.Create(name, day =>
        {
            if (!ReferenceEquals(day.Market, market))
            {
                throw new InvalidOperationException($"Model schedule '{name}' was built on another market than the one being back-tested.");
            }

            return build(symbols, market.History.RelativeReturns(symbols, day.Index, window));
        }, window);
    }
}
