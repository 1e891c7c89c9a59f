using System.Globalization;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>Identifies a contract by the file's ids: exchange, product family id (<c>pfId</c>) and contract id (<c>cId</c>).</summary>
/// <param name="Exchange">Exchange code (<c>exch</c>).</param>
/// <param name="ProductFamilyId">Product family id (<c>pfId</c>).</param>
/// <param name="ContractId">Contract id (<c>cId</c>), unique within its product family.</param>
public readonly record struct SpanContractId(string Exchange, int ProductFamilyId, int ContractId)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Exchange}/pf{ProductFamilyId}/c{ContractId}");
}
