using System.Collections.Immutable;
using System.Globalization;
using PortfolioMargin.Instruments;
using PortfolioMargin.MarketData;
using PortfolioMargin.Portfolios;

namespace PortfolioMargin.Solvency;

/// <summary>
/// The positions an account holds on each date of a back-test. The back-test margins them on the date's market and
/// holds them unchanged over the margin period of risk to measure the realised loss. Subclass it to feed positions
/// from elsewhere (a venue's recorded books); implementations must be immutable and thread-safe.
/// </summary>
public abstract class PositionPath
{
    /// <summary>What the path is, stated in reports.</summary>
    public abstract string Description { get; }

    /// <summary>The positions held on <paramref name="date"/>.</summary>
    /// <param name="date">The date.</param>
    /// <param name="market">The date's market (spots of every underlying; no forwards yet).</param>
    /// <returns>The positions.</returns>
    public abstract Portfolio At(DateOnly date, MarketSnapshot market);

    /// <summary>
    /// The same positions on every date (the default). Dated instruments keep their expiry: a back-test over years needs
    /// expiries beyond its end, or a path that rolls them (<see cref="Restruck"/>, <see cref="Dated"/>).
    /// </summary>
    /// <param name="positions">The positions.</param>
    /// <returns>The path.</returns>
    public static PositionPath Static(Portfolio positions) => new StaticPath(Guard.NotNull(positions));

    /// <summary>
    /// A reference book re-struck on every date: each dated instrument keeps its tenor (expiry − reference valuation
    /// time, added to the date's valuation time), each option its moneyness to spot (<c>K_t = K_ref·S_t/S_ref</c>), and
    /// quantities follow <paramref name="scaling"/>. This is how a book of dated options defined today is back-tested
    /// over past years: the same risk profile (tenor, moneyness, notional) on every date, rather than instruments that
    /// did not exist then.
    /// </summary>
    /// <param name="reference">The book as defined on <paramref name="referenceMarket"/>.</param>
    /// <param name="referenceMarket">The snapshot the book is defined against (its valuation time and spots).</param>
    /// <param name="scaling">How quantities are sized on each date; default <see cref="RestruckScaling.ConstantNotional"/>.</param>
    /// <returns>The path.</returns>
    /// <exception cref="MissingMarketDataException">The reference snapshot lacks a spot the book needs.</exception>
    /// <exception cref="ArgumentException">A dated instrument expires before the reference valuation time (named).</exception>
    public static PositionPath Restruck(Portfolio reference, MarketSnapshot referenceMarket, RestruckScaling scaling = RestruckScaling.ConstantNotional) =>
        new RestruckPath(Guard.NotNull(reference), Guard.NotNull(referenceMarket), scaling);

    /// <summary>Recorded books: on each date the book of the latest recorded date on or before it.</summary>
    /// <param name="books">Book by date; at least one.</param>
    /// <returns>The path.</returns>
    /// <exception cref="ArgumentException">No books.</exception>
    public static PositionPath Dated(IEnumerable<KeyValuePair<DateOnly, Portfolio>> books) => new DatedPath(Guard.NotNull(books));

    private sealed class StaticPath(Portfolio positions) : PositionPath
    {
        public override string Description => string.Create(CultureInfo.InvariantCulture, $"static: the same {positions.Count} positions on every date");

        public override Portfolio At(DateOnly date, MarketSnapshot market) => positions;
    }

    private sealed class DatedPath : PositionPath
    {
        private readonly ImmutableArray<(DateOnly Date, Portfolio Book)> _books;

        public DatedPath(IEnumerable<KeyValuePair<DateOnly, Portfolio>> books)
        {
            _books = [.. books.Select(kv => (kv.Key, Guard.NotNull(kv.Value))).OrderBy(b => b.Key)];
            if (_books.IsEmpty)
            {
                Guard.ThrowArgument("A dated position path needs at least one book.", nameof(books));
            }
        }

        public override string Description => string.Create(CultureInfo.InvariantCulture,
            $"dated: {_books.Length} recorded books {_books[0].Date:yyyy-MM-dd}..{_books[^1].Date:yyyy-MM-dd}, each held until the next");

        public override Portfolio At(DateOnly date, MarketSnapshot market)
        {
            int lo = 0, hi = _books.Length - 1, found = -1;
            while (lo <= hi)
            {
                int mid = (lo + hi) / 2;
                if (_books[mid].Date <= date)
                {
                    found = mid;
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return found >= 0 ? _books[found].Book : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Dated position path: no book recorded on or before {date:yyyy-MM-dd} (the first is {_books[0].Date:yyyy-MM-dd})."), nameof(date));
        }
    }

    private sealed class RestruckPath : PositionPath
    {
        private readonly Portfolio _reference;
        private readonly MarketSnapshot _market;
        private readonly RestruckScaling _scaling;

        public RestruckPath(Portfolio reference, MarketSnapshot market, RestruckScaling scaling)
        {
            if (!Enum.IsDefined(scaling))
            {
                throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown re-strike scaling.");
            }

            foreach (Position p in reference)
            {
                _ = market.Spot(p.Instrument.Underlying, p.Instrument.Name);
                if (p.Instrument.Expiry is { } e && e <= market.ValuationTime)
                {
                    Guard.ThrowArgument($"Re-struck path: '{p.Instrument.Name}' expires at or before the reference valuation time {market.ValuationTime:yyyy-MM-dd HH:mm}; it has no tenor.", nameof(reference));
                }
            }

            _reference = reference;
            _market = market;
            _scaling = scaling;
        }

        public override string Description => string.Create(CultureInfo.InvariantCulture,
            $"re-struck daily from a {_reference.Count}-position reference book of {_market.ValuationTime:yyyy-MM-dd}: same tenors, same moneyness to spot, {(_scaling == RestruckScaling.ConstantNotional ? "same quote-currency notional" : "same coin quantities")}");

        public override Portfolio At(DateOnly date, MarketSnapshot market)
        {
            ArgumentNullException.ThrowIfNull(market);
            var positions = new Position[_reference.Count];
            for (int i = 0; i < positions.Length; i++)
            {
                Position p = _reference[i];
                Underlying u = p.Instrument.Underlying;
                double ratio = market.Spot(u, p.Instrument.Name) / _market.Spot(u);
                bool faceInQuote = p.Instrument.Kind is InstrumentKind.InverseFuture or InstrumentKind.InversePerpetual;
                double scale = _scaling == RestruckScaling.ConstantNotional ? (faceInQuote ? 1 : 1 / ratio) : (faceInQuote ? ratio : 1);
                positions[i] = new Position(Restrike(p.Instrument, market.ValuationTime, ratio), p.Quantity * scale);
            }

            return new Portfolio(positions);
        }

        private Instrument Restrike(Instrument ins, DateTimeOffset now, double ratio)
        {
            DateTimeOffset Expiry(DateTimeOffset e) => now + (e - _market.ValuationTime);
            return ins switch
            {
                Future f => new Future(f.Underlying, Expiry(f.ExpiryTime), f.Inverse, f.Multiplier),
                EuropeanOption o => new EuropeanOption(o.Underlying, o.Right, o.Strike * ratio, Expiry(o.ExpiryTime), o.Settlement, o.Multiplier),
                _ => ins,
            };
        }
    }
}
