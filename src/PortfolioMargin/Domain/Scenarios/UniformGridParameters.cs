using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Scenarios;

/// <summary>
/// Parameters of a uniform scan grid (Deribit / OKX / TIMS style): <see cref="Points"/> equidistant relative price
/// moves over <c>[−Down, +Up]</c> that include 0 exactly, each combined with vol up, vol unchanged and vol down. The
/// vol move may scale with time to expiry: <c>shock(DTE) = base · (ReferenceDays / max(DTE, 1))^TermExponent</c>.
/// Immutable; the constructor validates.
/// </summary>
/// <remarks>
/// <para>Order: price moves ascending; for each, the legs vol up, vol unchanged, vol down. A leg is left out when its
/// size is 0 (vol up / down) or when <see cref="IncludeVolUnchanged"/> is false, so no scenario is built twice.</para>
/// <para>Ids: <c>G{move}_{leg}</c>, the move as a signed percentage with up to three decimals and the leg
/// <c>VU</c> / <c>V0</c> / <c>VD</c>, e.g. <c>G-10.0%_VU</c>, <c>G0%_V0</c>, <c>G+2.5%_VD</c>. Moves are at least
/// <see cref="MinStep"/> apart, so ids are unique.</para>
/// </remarks>
public sealed record UniformGridParameters
{
    /// <summary>Largest number of price points (3 legs each stay within <see cref="ScenarioSet.MaxScenarios"/>).</summary>
    public const int MaxPoints = ScenarioSet.MaxScenarios / 3;

    /// <summary>Smallest spacing between adjacent price moves: 0.0001 (one basis point; a relative rounding tolerance of 1e-9 applies).</summary>
    public const double MinStep = 1e-4;

    /// <summary>Creates the parameters.</summary>
    /// <param name="points">Number of price moves <c>N</c>, 1 to <see cref="MaxPoints"/>; with 1 the grid is the single move 0 (then <paramref name="down"/> and <paramref name="up"/> must be 0).</param>
    /// <param name="down">Size <c>a</c> of the largest fall (0.10 = −10 %); finite, in [0, 1).</param>
    /// <param name="up">Size <c>b</c> of the largest rise (0.10 = +10 %); finite, ≥ 0.</param>
    /// <param name="volUp">Size of the vol-up move at the reference tenor (vol points as a decimal, or relative); finite, ≥ 0; 0 leaves the leg out.</param>
    /// <param name="volDown">Size of the vol-down move at the reference tenor (applied with a minus sign); finite, ≥ 0; 0 leaves the leg out.</param>
    /// <param name="volKind">Absolute vol points or relative.</param>
    /// <param name="termExponent">Exponent <c>p</c> of the time-to-expiry scaling; 0 = none; finite, ≥ 0.</param>
    /// <param name="referenceDays">Reference days to expiry of the scaling (default 30); finite, &gt; 0.</param>
    /// <param name="includeVolUnchanged">Whether each price move also gets a vol-unchanged scenario.</param>
    /// <param name="timeShiftDays">Look-ahead of every scenario in days; finite, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN/infinite or out of range, 0 is not a grid point, adjacent moves are closer than <see cref="MinStep"/>, or no vol leg is left.</exception>
    public UniformGridParameters(int points, double down, double up, double volUp, double volDown, VolMoveKind volKind = VolMoveKind.Absolute, double termExponent = 0, double referenceDays = 30, bool includeVolUnchanged = true, double timeShiftDays = 0)
    {
        const string Owner = "Uniform grid";
        if (points < 1 || points > MaxPoints)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, $"{Owner}: points must be in [1, {MaxPoints}], got {points}.");
        }

        Guard.Finite(down, $"{Owner}: down");
        if (!(down >= 0 && down < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(down), down, $"{Owner}: down (size of the largest fall) must be in [0, 1), got {Guard.Format(down)}.");
        }

        Guard.NonNegative(up, $"{Owner}: up");
        Guard.NonNegative(volUp, $"{Owner}: vol up");
        Guard.NonNegative(volDown, $"{Owner}: vol down");
        ScenarioIds.CheckVol(volKind, termExponent, referenceDays, Owner);
        Guard.NonNegative(timeShiftDays, $"{Owner}: time shift (days)");
        if (volUp == 0 && volDown == 0 && !includeVolUnchanged)
        {
            throw new ArgumentOutOfRangeException(nameof(includeVolUnchanged), includeVolUnchanged, $"{Owner}: vol up and vol down are 0 and the vol-unchanged leg is off, so no scenario is left.");
        }

        PriceMoves = Moves(points, down, up, Owner);
        Points = points;
        Down = down;
        Up = up;
        VolUp = volUp;
        VolDown = volDown;
        VolKind = volKind;
        TermExponent = termExponent;
        ReferenceDays = referenceDays;
        IncludeVolUnchanged = includeVolUnchanged;
        TimeShiftDays = timeShiftDays;
    }

    /// <summary>Number of price moves.</summary>
    public int Points { get; }

    /// <summary>Size of the largest fall (the lowest move is <c>−Down</c>).</summary>
    public double Down { get; }

    /// <summary>Size of the largest rise (the highest move is <c>+Up</c>).</summary>
    public double Up { get; }

    /// <summary>Vol-up move at the reference tenor.</summary>
    public double VolUp { get; }

    /// <summary>Vol-down move size at the reference tenor (applied as <c>−VolDown</c>).</summary>
    public double VolDown { get; }

    /// <summary>Absolute vol points or relative.</summary>
    public VolMoveKind VolKind { get; }

    /// <summary>Exponent of the time-to-expiry scaling (0 = none).</summary>
    public double TermExponent { get; }

    /// <summary>Reference days of the time-to-expiry scaling.</summary>
    public double ReferenceDays { get; }

    /// <summary>Whether each price move also gets a vol-unchanged scenario.</summary>
    public bool IncludeVolUnchanged { get; }

    /// <summary>Look-ahead of every scenario in days.</summary>
    public double TimeShiftDays { get; }

    /// <summary>The price moves, ascending: <c>−Down, …, 0, …, +Up</c>, spacing <c>(Down + Up) / (Points − 1)</c>; 0 and the ends are exact.</summary>
    public ImmutableArray<double> PriceMoves { get; }

    /// <summary>Number of scenarios per price move (1 to 3).</summary>
    public int LegCount => (VolUp > 0 ? 1 : 0) + (IncludeVolUnchanged ? 1 : 0) + (VolDown > 0 ? 1 : 0);

    /// <summary>Builds the grid with default shocks (every scenario applies to every underlying).</summary>
    /// <param name="name">Set name; null gives <c>Uniform grid N over [−a, +b]</c>-style text.</param>
    /// <returns><c>Points · LegCount</c> scenarios, ids <c>G{move}_{VU|V0|VD}</c>.</returns>
    public ScenarioSet Build(string? name = null) => new(name ?? DefaultName(), BuildScenarios(PriceMoves));

    /// <summary>The scenarios for the given moves with this grid's vol legs, weights 1 (shared with the presets that drop a move).</summary>
    internal IEnumerable<Scenario> BuildScenarios(IEnumerable<double> moves)
    {
        foreach (double move in moves)
        {
            if (VolUp > 0)
            {
                yield return Make(move, VolUp, ScenarioIds.VolUp);
            }

            if (IncludeVolUnchanged)
            {
                yield return Make(move, 0, ScenarioIds.VolUnchanged);
            }

            if (VolDown > 0)
            {
                yield return Make(move, -VolDown, ScenarioIds.VolDown);
            }
        }
    }

    internal string DefaultName() => string.Create(CultureInfo.InvariantCulture, $"Uniform grid {Points} over [{ScenarioIds.Move(-Down)}, {ScenarioIds.Move(Up)}]");

    private Scenario Make(double move, double vol, string leg)
    {
        var shock = new UnderlyingShock(move, vol, VolKind, vol == 0 ? 0 : TermExponent, ReferenceDays);
        string m = ScenarioIds.Move(move);
        return Scenario.Uniform($"G{m}_{leg}", $"price {m}, {ScenarioIds.LegName(leg)}", shock, 1.0, TimeShiftDays);
    }

    private static ImmutableArray<double> Moves(int points, double down, double up, string owner)
    {
        if (points == 1)
        {
            if (down != 0 || up != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(points), points, $"{owner}: a single point is the move 0; down and up must be 0, got down {Guard.Format(down)}, up {Guard.Format(up)}.");
            }

            return [0.0];
        }

        double step = (down + up) / (points - 1);
        if (!(step >= MinStep * (1 - 1e-9)))
        {
            throw new ArgumentOutOfRangeException(nameof(points), points,
                $"{owner}: spacing (down + up) / (points - 1) = {Guard.Format(step)} is below the minimum {Guard.Format(MinStep)} (down {Guard.Format(down)}, up {Guard.Format(up)}).");
        }

        double below = down / step;
        int zeroIndex = (int)Math.Round(below);
        if (Math.Abs(below - zeroIndex) > 1e-9 * Math.Max(1, below))
        {
            throw new ArgumentOutOfRangeException(nameof(points), points,
                $"{owner}: 0 is not a grid point: down / spacing = {Guard.Format(down)} / {Guard.Format(step)} = {Guard.Format(below)} is not a whole number; choose points so that (points - 1) * down / (down + up) is an integer.");
        }

        var moves = new double[points];
        for (int i = 0; i < points; i++)
        {
            moves[i] = (i - zeroIndex) * step;
        }

        moves[0] = -down;
        moves[zeroIndex] = 0;
        moves[points - 1] = up;
        return ImmutableArray.Create(moves);
    }
}
