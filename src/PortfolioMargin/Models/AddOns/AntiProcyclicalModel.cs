using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// Any margin model with the EMIR Art. 28 anti-procyclicality tools (<see cref="AntiProcyclicality"/>) applied, each
/// visible in the breakdown tree and the diagnostics, contributions still summing to the totals. Stateless and
/// thread-safe when the wrapped models are.
/// </summary>
/// <remarks>
/// <para>For maintenance and initial margin separately, with <c>M</c> the wrapped (current) model, <c>S</c> the
/// stressed model with weight <c>w</c>, <c>F</c> the floor model and <c>b</c> the buffer:
/// <c>W = (1 − w)·M + w·S</c> (<c>W = M</c> without <c>S</c>); <c>G = max(W, F)</c> (<c>G = W</c> without <c>F</c>);
/// margin <c>= G·(1 + b)</c>, or <c>G</c> while the buffer is released.</para>
/// <para>Breakdown: the root has a child per tool — <c>weighted</c> (the current and stressed trees with their
/// weights), <c>floor</c> (the floor model's tree, noting whether it binds) and <c>buffer</c> (the buffer amount, 0 when
/// released). Contributions: the same combination applied to each position's shares (<c>(1 − w)·c_M + w·c_S</c>, the
/// binding side of the max, times <c>1 + b</c>). Binding scenarios are the current model's; diagnostics are the
/// current model's, the other models' prefixed with their role, and one per tool (<c>APC_STRESSED_WEIGHT</c>,
/// <c>APC_FLOOR</c>, <c>APC_BUFFER</c>).</para>
/// </remarks>
public sealed class AntiProcyclicalModel : IMarginModel
{
    /// <summary>Wraps a model.</summary>
    /// <param name="current">The model on current data (e.g. a VaR on the latest look-back window).</param>
    /// <param name="tools">The tools; at least one set.</param>
    /// <exception cref="ArgumentException">No tool is set.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The buffer or weight is out of range.</exception>
    public AntiProcyclicalModel(IMarginModel current, AntiProcyclicality tools)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(tools);
        tools.Validate();
        if (tools.Buffer == 0 && tools.Stressed is null && tools.Floor is null)
        {
            Guard.ThrowArgument("Anti-procyclicality: set at least one tool (Buffer, Stressed or Floor).", nameof(tools));
        }

        Current = current;
        Tools = tools;
        Name = $"{current.Name} with anti-procyclicality ({tools.Describe()})";
    }

    /// <summary>The wrapped model.</summary>
    public IMarginModel Current { get; }

    /// <summary>The tools.</summary>
    public AntiProcyclicality Tools { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MarginResult Calculate(ResolvedPortfolio portfolio)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        MarginResult m = Current.Calculate(portfolio);
        MarginResult? s = Tools.Stressed?.Calculate(portfolio);
        MarginResult? f = Tools.Floor?.Calculate(portfolio);
        double w = s is null ? 0 : Tools.StressedWeight;
        double wMm = ((1 - w) * m.MaintenanceMargin) + (w * (s?.MaintenanceMargin ?? 0));
        double wIm = ((1 - w) * m.InitialMargin) + (w * (s?.InitialMargin ?? 0));
        bool floorMm = f is not null && f.MaintenanceMargin > wMm, floorIm = f is not null && f.InitialMargin > wIm;
        double gMm = floorMm ? f!.MaintenanceMargin : wMm, gIm = floorIm ? f!.InitialMargin : wIm;
        double k = Tools.BufferReleased ? 1.0 : 1 + Tools.Buffer;
        var shares = new ContributionSum();
        AddBranch(shares, m, s, f, w, k, floorMm, floorIm);
        var diagnostics = ImmutableArray.CreateBuilder<MarginDiagnostic>();
        diagnostics.AddRange(m.Diagnostics);
        ImmutableArray<MarginNode>.Builder children = ImmutableArray.CreateBuilder<MarginNode>();
        children.Add(s is null ? m.Breakdown : new MarginNode("weighted", wMm, wIm, [Weighted("current", m, 1 - w), Weighted("stressed", s, w)],
            string.Create(CultureInfo.InvariantCulture, $"(1 - {w:G4}) x current + {w:G4} x stressed observations (EMIR Art. 28(1)(b))")));
        if (s is not null)
        {
            diagnostics.AddRange(s.Diagnostics.Select(d => d with { Message = "[stressed] " + d.Message }));
            diagnostics.Add(new MarginDiagnostic("APC_STRESSED_WEIGHT", string.Create(CultureInfo.InvariantCulture,
                $"Stressed observations weigh {w:P0}: IM (1 - {w:G4}) x {m.InitialMargin:N2} + {w:G4} x {s.InitialMargin:N2} = {wIm:N2} ({s.Model}).")));
        }

        if (f is not null)
        {
            diagnostics.AddRange(f.Diagnostics.Select(d => d with { Message = "[floor] " + d.Message }));
            string binds = floorIm ? "binds" : "does not bind";
            children.Add(new MarginNode("floor", f.MaintenanceMargin, f.InitialMargin, [f.Breakdown],
                $"long-run volatility floor (EMIR Art. 28(1)(c)): IM {binds}"));
            diagnostics.Add(new MarginDiagnostic("APC_FLOOR", string.Create(CultureInfo.InvariantCulture,
                $"Long-run floor IM {f.InitialMargin:N2} {binds} against {wIm:N2} ({f.Model}); MM floor {(floorMm ? "binds" : "does not bind")}.")));
        }

        if (Tools.Buffer > 0)
        {
            double bMm = (k - 1) * gMm, bIm = (k - 1) * gIm;
            children.Add(MarginNode.Leaf("buffer", bMm, bIm, string.Create(CultureInfo.InvariantCulture,
                $"{Tools.Buffer:0.##%} of {gIm:N2}{(Tools.BufferReleased ? ", released in stress: adds 0" : "")} (EMIR Art. 28(1)(a))")));
            diagnostics.Add(new MarginDiagnostic("APC_BUFFER", Tools.BufferReleased
                ? string.Create(CultureInfo.InvariantCulture, $"Buffer of {Tools.Buffer:0.##%} released: margin {gIm:N2} without it.")
                : string.Create(CultureInfo.InvariantCulture, $"Buffer of {Tools.Buffer:0.##%} adds {bIm:N2} to {gIm:N2}.")));
        }

        double totalMm = gMm * k, totalIm = gIm * k;
        var root = new MarginNode(Name, totalMm, totalIm, children.ToImmutable(), "max(weighted, floor) x (1 + buffer unless released)");
        return new MarginResult(Name, portfolio.Market.ReportCurrency, totalIm, totalMm, root, shares.ToImmutable(), m.BindingScenarios, diagnostics.ToImmutable());
    }

    private static void AddBranch(ContributionSum shares, MarginResult m, MarginResult? s, MarginResult? f, double w, double k, bool floorMm, bool floorIm)
    {
        // Each of MM and IM comes from the floor (when it binds) or from the weighted pair; the buffer scales both.
        shares.Add(m, floorMm ? 0 : k * (1 - w), floorIm ? 0 : k * (1 - w));
        if (s is not null)
        {
            shares.Add(s, floorMm ? 0 : k * w, floorIm ? 0 : k * w);
        }

        if (f is not null)
        {
            shares.Add(f, floorMm ? k : 0, floorIm ? k : 0);
        }
    }

    private static MarginNode Weighted(string role, MarginResult r, double weight) =>
        new(role, weight * r.MaintenanceMargin, weight * r.InitialMargin, [r.Breakdown],
            string.Create(CultureInfo.InvariantCulture, $"{weight:G4} x {r.Model} (IM {r.InitialMargin:N2})"));
}
