using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Scenarios;

/// <summary>One row of an extended (extreme-move) table: a relative price move, the vol-up move that goes with it, and the weight (dampener) of its P&amp;L.</summary>
/// <param name="Move">Relative price move, e.g. −0.66 or 5.0 (+500 %); checked by <see cref="ExtendedTableParameters"/>: finite, &gt; −1, not 0.</param>
/// <param name="VolUp">Vol-up move at the reference tenor (vol points as a decimal, or relative); finite, ≥ 0.</param>
/// <param name="Weight">Fraction of the scenario P&amp;L that counts; in (0, 1].</param>
public readonly record struct ExtendedMove(double Move, double VolUp, double Weight);

/// <summary>
/// Parameters of an extended table (Deribit style): listed extreme price moves, each with vol up only and a weight
/// below 1 (a dampener), meant to catch far out-of-the-money short options that the regular grid misses. Immutable;
/// the constructor validates.
/// </summary>
/// <remarks>Ids: <c>X{move}_VU</c> (<c>_V0</c> for a row whose vol up is 0) with the move as in the uniform grid, e.g. <c>X-66.0%_VU</c>, <c>X+500.0%_VU</c>; order as given.</remarks>
public sealed record ExtendedTableParameters
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="moves">The rows; 1 to <see cref="ScenarioSet.MaxScenarios"/>, moves distinct to 0.001 %.</param>
    /// <param name="volKind">Absolute vol points or relative.</param>
    /// <param name="termExponent">Exponent <c>p</c> of the time-to-expiry scaling of the vol move; finite, ≥ 0.</param>
    /// <param name="referenceDays">Reference days of the scaling; finite, &gt; 0.</param>
    /// <param name="timeShiftDays">Look-ahead of every scenario in days; finite, ≥ 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="moves"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row or parameter is out of range (the message names the row and value).</exception>
    /// <exception cref="ArgumentException">No rows, too many, or two rows with the same move.</exception>
    public ExtendedTableParameters(IEnumerable<ExtendedMove> moves, VolMoveKind volKind = VolMoveKind.Absolute, double termExponent = 0, double referenceDays = 30, double timeShiftDays = 0)
    {
        const string Owner = "Extended table";
        ArgumentNullException.ThrowIfNull(moves);
        var rows = moves.ToImmutableArray();
        if (rows.IsEmpty || rows.Length > ScenarioSet.MaxScenarios)
        {
            Guard.ThrowArgument($"{Owner}: needs 1 to {ScenarioSet.MaxScenarios} rows, got {rows.Length}.", nameof(moves));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Length; i++)
        {
            ExtendedMove r = rows[i];
            string row = string.Create(CultureInfo.InvariantCulture, $"{Owner} row {i}");
            Guard.Finite(r.Move, $"{row}: move", nameof(moves));
            if (!(r.Move > -1) || r.Move == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(moves), r.Move, $"{row}: move must be > -1 and not 0, got {Guard.Format(r.Move)}.");
            }

            Guard.NonNegative(r.VolUp, $"{row}: vol up", nameof(moves));
            if (!(r.Weight > 0 && r.Weight <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(moves), r.Weight, $"{row}: weight must be in (0, 1], got {Guard.Format(r.Weight)}.");
            }

            if (!seen.Add(ScenarioIds.Move(r.Move)))
            {
                Guard.ThrowArgument($"{row}: the move {ScenarioIds.Move(r.Move)} is listed twice.", nameof(moves));
            }
        }

        ScenarioIds.CheckVol(volKind, termExponent, referenceDays, Owner);
        Guard.NonNegative(timeShiftDays, $"{Owner}: time shift (days)");
        Moves = rows;
        VolKind = volKind;
        TermExponent = termExponent;
        ReferenceDays = referenceDays;
        TimeShiftDays = timeShiftDays;
    }

    /// <summary>The rows in order.</summary>
    public ImmutableArray<ExtendedMove> Moves { get; }

    /// <summary>Absolute vol points or relative.</summary>
    public VolMoveKind VolKind { get; }

    /// <summary>Exponent of the time-to-expiry scaling of the vol move (0 = none).</summary>
    public double TermExponent { get; }

    /// <summary>Reference days of the scaling.</summary>
    public double ReferenceDays { get; }

    /// <summary>Look-ahead of every scenario in days.</summary>
    public double TimeShiftDays { get; }

    /// <summary>Builds one scenario per row with a default shock (applies to every underlying).</summary>
    /// <param name="name">Set name; null gives <c>Extended table (n moves)</c>.</param>
    /// <returns>The scenarios, ids <c>X{move}_VU</c> or <c>X{move}_V0</c>, in row order.</returns>
    public ScenarioSet Build(string? name = null) =>
        new(name ?? string.Create(CultureInfo.InvariantCulture, $"Extended table ({Moves.Length} moves)"), Moves.Select(r =>
        {
            string m = ScenarioIds.Move(r.Move);
            var shock = new UnderlyingShock(r.Move, r.VolUp, VolKind, r.VolUp == 0 ? 0 : TermExponent, ReferenceDays);
            string leg = r.VolUp > 0 ? ScenarioIds.VolUp : ScenarioIds.VolUnchanged;
            return Scenario.Uniform($"X{m}_{leg}", $"extreme {m}, {ScenarioIds.LegName(leg)}", shock, r.Weight, TimeShiftDays);
        }));
}
