using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>A read-only view of one contract of a <see cref="SpanRiskParameters"/>: cheap to copy, immutable, thread-safe.</summary>
/// <remarks>Risk-array values are the loss (positive) or gain (negative) of one long unit of the product as the file defines it:
/// per contract with the multiplier included in CME/MCX files, per unit of the underlying in NSE files.</remarks>
public readonly struct SpanContract : IEquatable<SpanContract>
{
    private readonly SpanRiskParameters _owner;

    internal SpanContract(SpanRiskParameters owner, int index)
    {
        _owner = owner;
        Index = index;
    }

    /// <summary>Index of the contract in <see cref="SpanRiskParameters"/> (0-based).</summary>
    public int Index { get; }

    /// <summary>The product family the contract belongs to.</summary>
    public SpanProductFamily ProductFamily => _owner.ProductFamilies[_owner.ContractFamily[Index]];

    /// <summary>The product kind (from the family).</summary>
    public SpanProductKind Kind => ProductFamily.Kind;

    /// <summary>The exchange, family and contract ids.</summary>
    public SpanContractId Id
    {
        get
        {
            var f = ProductFamily;
            return new SpanContractId(f.Exchange, f.Id, _owner.ContractCid[Index]);
        }
    }

    /// <summary>The period code (for options, the series' period).</summary>
    public string Period => _owner.Periods[_owner.ContractPeriod[Index]];

    /// <summary>The strike for options; <see langword="null"/> otherwise.</summary>
    public double? Strike => _owner.ContractRight[Index] == 0 ? null : _owner.ContractStrike[Index];

    /// <summary>Call or put for options; <see langword="null"/> otherwise.</summary>
    public SpanOptionRight? Right => _owner.ContractRight[Index] switch
    {
        1 => SpanOptionRight.Call,
        2 => SpanOptionRight.Put,
        _ => null,
    };

    /// <summary>The settlement price (<c>p</c>) in price points; NaN when the file gives none.</summary>
    public double Price => _owner.ContractPrice[Index];

    /// <summary>The contract delta (<c>d</c>); NaN when the file gives none.</summary>
    public double Delta => _owner.ContractDelta[Index];

    /// <summary>The implied volatility (<c>v</c>) the exchange gives the contract, as a fraction; NaN when the file has none.</summary>
    public double Volatility => _owner.ContractVol[Index];

    /// <summary>The contract value factor: the contract's own <c>cvf</c>, else its series', else its family's, else 1.</summary>
    public double ContractValueFactor => _owner.ContractCvf[Index];

    /// <summary>The combined commodity the contract's family is linked to; <see langword="null"/> when none.</summary>
    public string? CombinedCommodity => ProductFamily.CombinedCommodity;

    /// <summary>Number of risk arrays (<c>ra</c>) the contract carries; the first is the base one.</summary>
    public int RiskArrayCount => _owner.ContractRaCount[Index];

    /// <summary>The base (first) risk array: 16 losses of one long unit, in the family currency. Empty when the contract has none.</summary>
    public ReadOnlySpan<double> RiskArray => RiskArrayCount == 0 ? default : GetRiskArray(0).Span;

    /// <summary>The composite delta of the base risk array (<c>ra/d</c>), futures-equivalents per unit; NaN when there is no risk array.</summary>
    public double CompositeDelta => RiskArrayCount == 0 ? double.NaN : GetCompositeDelta(0);

    /// <summary>The <paramref name="n"/>-th risk array (0 = base).</summary>
    /// <param name="n">0 ≤ n &lt; <see cref="RiskArrayCount"/>.</param>
    /// <returns>16 values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of range.</exception>
    public ReadOnlyMemory<double> GetRiskArray(int n)
    {
        int ra = RaIndex(n);
        return _owner.RiskArrayValues.Slice(ra * SpanRiskParameters.ScenarioCount, SpanRiskParameters.ScenarioCount);
    }

    /// <summary>The rate id (<c>ra/r</c>) of the <paramref name="n"/>-th risk array.</summary>
    /// <param name="n">0 ≤ n &lt; <see cref="RiskArrayCount"/>.</param>
    /// <returns>The rate id.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of range.</exception>
    public int GetRiskArrayRateId(int n) => _owner.RaRate[RaIndex(n)];

    /// <summary>The composite delta (<c>ra/d</c>) of the <paramref name="n"/>-th risk array.</summary>
    /// <param name="n">0 ≤ n &lt; <see cref="RiskArrayCount"/>.</param>
    /// <returns>Futures-equivalents per unit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of range.</exception>
    public double GetCompositeDelta(int n) => _owner.RaDelta[RaIndex(n)];

    private int RaIndex(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(n, RiskArrayCount);
        return _owner.ContractRaStart[Index] + n;
    }

    /// <summary>The contract's key (combined commodity, family code, period, strike, right, kind).</summary>
    /// <exception cref="InvalidOperationException">The family is not linked to a combined commodity.</exception>
    public SpanContractKey Key => new(
        CombinedCommodity ?? throw new InvalidOperationException($"product family {ProductFamily.Code} is not linked to a combined commodity"),
        ProductFamily.Code,
        Period,
        Strike,
        Right,
        Kind);

    /// <inheritdoc/>
    public bool Equals(SpanContract other) => ReferenceEquals(_owner, other._owner) && Index == other.Index;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SpanContract c && Equals(c);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_owner, Index);

    /// <summary>Equality of two views (same parameters, same index).</summary>
    public static bool operator ==(SpanContract left, SpanContract right) => left.Equals(right);

    /// <summary>Inequality of two views.</summary>
    public static bool operator !=(SpanContract left, SpanContract right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString()
    {
        var f = ProductFamily;
        string option = Strike is { } k ? string.Create(CultureInfo.InvariantCulture, $" {(Right == SpanOptionRight.Put ? 'P' : 'C')} {k}") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{f.Kind} {f.Code} {Period}{option} (cId {_owner.ContractCid[Index]})");
    }
}
