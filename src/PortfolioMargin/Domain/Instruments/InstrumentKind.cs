namespace PortfolioMargin.Instruments;

/// <summary>What an instrument is, which fixes its payoff and P&amp;L numeraire (spec §2).</summary>
public enum InstrumentKind : byte
{
    /// <summary>Spot holding: value <c>q·m·S</c> in quote currency.</summary>
    Spot = 0,

    /// <summary>Linear dated future: P&amp;L <c>q·m·(F' − F)</c> in quote currency.</summary>
    LinearFuture = 1,

    /// <summary>Linear perpetual: P&amp;L <c>q·m·(S' − S)</c> in quote currency (funding not modelled).</summary>
    LinearPerpetual = 2,

    /// <summary>Inverse (coin-margined) dated future: P&amp;L <c>q·m·(1/F − 1/F')</c> in the base coin; <c>m</c> in quote units.</summary>
    InverseFuture = 3,

    /// <summary>Inverse perpetual: P&amp;L <c>q·m·(1/S − 1/S')</c> in the base coin; <c>m</c> in quote units.</summary>
    InversePerpetual = 4,

    /// <summary>European option settled in quote currency: value <c>q·m·Black76(F, K, σ, T, r)</c>.</summary>
    LinearOption = 5,

    /// <summary>European option settled in the base coin (Deribit style): value <c>q·m·Black76(F, K, σ, T, r)/F</c>.</summary>
    InverseOption = 6,
}

/// <summary>Call or put.</summary>
public enum OptionRight : byte
{
    /// <summary>Right to buy at the strike.</summary>
    Call = 0,

    /// <summary>Right to sell at the strike.</summary>
    Put = 1,
}

/// <summary>How an option's premium and payoff are settled.</summary>
public enum OptionSettlement : byte
{
    /// <summary>In the quote currency (e.g. USD/USDC options).</summary>
    Linear = 0,

    /// <summary>In the base coin, premium = USD price / F (Deribit BTC and ETH options).</summary>
    Inverse = 1,
}
