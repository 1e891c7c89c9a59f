namespace PortfolioMargin.Models.AddOns;

/// <summary>
/// Half bid-ask spreads paid to close a position: <c>cost = DeltaOne·|e|</c> for spot, futures and perpetuals (<c>e</c>
/// the dollar delta, i.e. the notional at the reference price) and <c>OptionPremium·|V| + OptionVolPoints·|vega|</c>
/// for options (<c>V</c> the position's marked value, <c>vega</c> per 1.00 of vol), all in the report currency.
/// Immutable.
/// </summary>
/// <param name="DeltaOne">Half spread of delta-one products as a fraction of notional, in [0, 1) (e.g. 0.0005 = 5 bp).</param>
/// <param name="OptionPremium">Half spread of options as a fraction of premium, in [0, 1).</param>
/// <param name="OptionVolPoints">Half spread of options in vol (0.01 = 1 vol point), in [0, 1).</param>
public sealed record CloseOutSpread(double DeltaOne = 0, double OptionPremium = 0, double OptionVolPoints = 0)
{
    internal void Validate(string owner)
    {
        foreach ((string name, double v) in new[] { (nameof(DeltaOne), DeltaOne), (nameof(OptionPremium), OptionPremium), (nameof(OptionVolPoints), OptionVolPoints) })
        {
            if (!(v >= 0 && v < 1))
            {
                throw new ArgumentOutOfRangeException(name, v, $"Close-out spread of {owner}: {name} must be in [0, 1), got {Guard.Format(v)}.");
            }
        }
    }
}
