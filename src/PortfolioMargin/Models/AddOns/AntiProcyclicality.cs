using System.Globalization;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// The anti-procyclicality tools of EMIR RTS 153/2013 Art. 28(1) as options of a margin model (applied by
/// <see cref="AntiProcyclicalModel"/>): (a) a margin buffer, e.g. 25 %, that may be released (exhausted) in stress;
/// (b) a weight, e.g. ≥ 25 %, on a margin computed on stressed observations; (c) a floor at the margin computed with
/// long-run (e.g. ten-year) volatility. Each tool is off unless set. Immutable.
/// </summary>
/// <remarks>
/// Art. 28(1): "(a) applying a margin buffer at least equal to 25 % of the calculated margins which it allows to be
/// temporarily exhausted in periods where calculated margin requirements are rising significantly; (b) assigning at
/// least 25 % weight to stressed observations in the lookback period …; (c) ensuring that its margin requirements are
/// not lower than those that would be calculated using volatility estimated over a 10 year historical lookback period."
/// Tool (b) is applied to the margins: <c>(1 − w)·M_current + w·M_stressed</c> with <c>M_stressed</c> the model on the
/// stressed observations (for a VaR, the same VaR on a stressed period's returns or covariance).
/// </remarks>
public sealed record AntiProcyclicality
{
    /// <summary>Buffer as a fraction of the margin, in [0, 10] (EMIR: ≥ 0.25); default 0 (off).</summary>
    public double Buffer { get; init; }

    /// <summary>True while the buffer is released (exhausted) because margins are rising significantly; the buffer then adds 0 and the breakdown says so. Default false.</summary>
    public bool BufferReleased { get; init; }

    /// <summary>The model on stressed observations (e.g. the same VaR on a stressed period), or null (off).</summary>
    public IMarginModel? Stressed { get; init; }

    /// <summary>Weight of <see cref="Stressed"/> in (0, 1] (EMIR: ≥ 0.25); default 0.25.</summary>
    public double StressedWeight { get; init; } = 0.25;

    /// <summary>The model with long-run volatility whose margin is a floor (e.g. the same VaR on ten years of returns), or null (off).</summary>
    public IMarginModel? Floor { get; init; }

    /// <summary>EMIR's tool (a): a 25 % buffer.</summary>
    public static AntiProcyclicality EmirBuffer { get; } = new() { Buffer = 0.25 };

    /// <summary>Short description, e.g. <c>buffer 25 %, stressed weight 25 %, floor</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>(3);
        if (Buffer > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"buffer {Buffer:0.##%}{(BufferReleased ? " released" : "")}"));
        }

        if (Stressed is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"stressed weight {StressedWeight:0.##%}"));
        }

        if (Floor is not null)
        {
            parts.Add("long-run floor");
        }

        return parts.Count == 0 ? "no tools" : string.Join(", ", parts);
    }

    internal void Validate()
    {
        if (!(Buffer >= 0 && Buffer <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(Buffer), Buffer, "The anti-procyclicality buffer must be a fraction in [0, 10], e.g. 0.25.");
        }

        if (!(StressedWeight > 0 && StressedWeight <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(StressedWeight), StressedWeight, "The weight of stressed observations must be in (0, 1], e.g. 0.25.");
        }
    }
}
