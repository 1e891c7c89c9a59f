using System.Globalization;
using PortfolioMargin.Models;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The margin model in force on each date of a back-test: one fixed model, or a model recalibrated per date (e.g. a
/// VaR whose covariance is estimated from the returns up to that date; see <see cref="RollingModels"/>). Subclass it
/// or use <see cref="Create"/>; implementations must be thread-safe (dates are margined in parallel).
/// </summary>
public abstract class MarginModelSchedule
{
    /// <summary>Display name, stated in reports.</summary>
    public abstract string Name { get; }

    /// <summary>The model in force on <paramref name="day"/>.</summary>
    /// <param name="day">The date.</param>
    /// <returns>The model.</returns>
    public abstract IMarginModel ModelOn(BacktestDay day);

    /// <summary>The first date index of <paramref name="market"/> the schedule can margin (e.g. after a look-back window); default 0.</summary>
    /// <param name="market">The back-test market.</param>
    /// <returns>The index.</returns>
    public virtual int FirstUsableIndex(IBacktestMarket market) => 0;

    /// <summary>The same model on every date.</summary>
    /// <param name="model">The model (any <see cref="IMarginModel"/>, including your own).</param>
    /// <returns>The schedule.</returns>
    public static MarginModelSchedule Fixed(IMarginModel model) => new FixedSchedule(Guard.NotNull(model));

    /// <summary>A schedule from a function of the date.</summary>
    /// <param name="name">Display name; not blank.</param>
    /// <param name="modelOn">The model on a date; must be thread-safe.</param>
    /// <param name="firstUsableIndex">First usable date index, ≥ 0.</param>
    /// <returns>The schedule.</returns>
    public static MarginModelSchedule Create(string name, Func<BacktestDay, IMarginModel> modelOn, int firstUsableIndex = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(modelOn);
        ArgumentOutOfRangeException.ThrowIfNegative(firstUsableIndex);
        return new FunctionSchedule(name, modelOn, firstUsableIndex);
    }

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    private sealed class FixedSchedule(IMarginModel model) : MarginModelSchedule
    {
        public override string Name => model.Name;

        public override IMarginModel ModelOn(BacktestDay day) => model;
    }

    private sealed class FunctionSchedule(string name, Func<BacktestDay, IMarginModel> modelOn, int first) : MarginModelSchedule
    {
        public override string Name => name;

        public override IMarginModel ModelOn(BacktestDay day) =>
            modelOn(day) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Model schedule '{name}' returned no model for {day.Date:yyyy-MM-dd}."));

        public override int FirstUsableIndex(IBacktestMarket market) => first;
    }
}
