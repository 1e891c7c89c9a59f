using System.Collections;
using System.Collections.Immutable;

namespace PortfolioMargin.Portfolios;

/// <summary>
/// An immutable, ordered book of positions. The same instrument may appear more than once (models net it); an empty
/// portfolio is valid and margins to 0.
/// </summary>
public sealed class Portfolio : IReadOnlyList<Position>
{
    /// <summary>Largest accepted number of positions.</summary>
    public const int MaxPositions = 10_000_000;

    /// <summary>Creates a portfolio from positions (copied).</summary>
    /// <exception cref="ArgumentException">A position is null, or there are more than <see cref="MaxPositions"/>.</exception>
    public Portfolio(IEnumerable<Position> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        // Sized up front when the count is known (a list of a million positions is copied once, not grown by doubling).
        var builder = ImmutableArray.CreateBuilder<Position>(positions.TryGetNonEnumeratedCount(out int count) ? Math.Min(count, MaxPositions) : 8);
        foreach (Position p in positions)
        {
            if (p is null)
            {
                Guard.ThrowArgument($"Portfolio: position #{builder.Count} is null.", nameof(positions));
            }

            if (builder.Count >= MaxPositions)
            {
                Guard.ThrowArgument($"Portfolio: more than {MaxPositions} positions.", nameof(positions));
            }

            builder.Add(p);
        }

        Positions = builder.Count == builder.Capacity ? builder.MoveToImmutable() : builder.ToImmutable();
    }

    /// <summary>Creates a portfolio from positions (copied).</summary>
    public Portfolio(params Position[] positions) : this((IEnumerable<Position>)positions)
    {
    }

    /// <summary>The empty portfolio.</summary>
    public static Portfolio Empty { get; } = new(Array.Empty<Position>());

    /// <summary>The positions in order.</summary>
    public ImmutableArray<Position> Positions { get; }

    /// <summary>Number of positions.</summary>
    public int Count => Positions.Length;

    /// <summary>The position at <paramref name="index"/>.</summary>
    public Position this[int index] => Positions[index];

    /// <summary>A new portfolio with <paramref name="positions"/> appended.</summary>
    public Portfolio Add(params Position[] positions) => new(Positions.AddRange(positions));

    /// <summary>A new portfolio without the position at <paramref name="index"/>.</summary>
    public Portfolio RemoveAt(int index) => new(Positions.RemoveAt(index));

    /// <inheritdoc />
    public IEnumerator<Position> GetEnumerator() => ((IEnumerable<Position>)Positions).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
