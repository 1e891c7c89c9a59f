namespace PortfolioMargin.Models.Derive;

/// <summary>How a Derive scenario shocks implied vols.</summary>
public enum DeriveVolShock : byte
{
    /// <summary>Vols unchanged.</summary>
    None = 0,

    /// <summary>Vols times the expiry's up multiplier, floored at <see cref="DeriveVolShockParameters.MinVolUpShock"/>.</summary>
    Up = 1,

    /// <summary>Vols times the expiry's down multiplier (at least 0).</summary>
    Down = 2,

    /// <summary>Skew scenario: vols times <c>1 + m(k)</c>, <c>m</c> linear in log-moneyness <c>k = ln(K/F)</c> and capped.</summary>
    Linear = 3,

    /// <summary>Skew scenario: as <see cref="Linear"/> with <c>|k|</c> (the smile tightens).</summary>
    Abs = 4,
}

/// <summary>One Derive PM2 scenario: spot multiplier (1.18 = +18 %), vol shock, and the dampening applied to its P&amp;L.</summary>
/// <param name="SpotShock">Spot (and forward) multiplier, &gt; 0; 1 for the skew scenarios.</param>
/// <param name="VolShock">The vol shock.</param>
/// <param name="Dampening">Factor on the scenario P&amp;L, in [0, 10] (1 for regular scenarios, below 1 for the published tail scenarios).</param>
/// <param name="Tail">True for a tail scenario (reported as the worst tail loss, id <c>T…</c>); the contract treats all scenarios alike.</param>
public readonly record struct DeriveScenario(double SpotShock, DeriveVolShock VolShock, double Dampening, bool Tail = false);

/// <summary>
/// Derive's vol shock per expiry: <c>up = 1 + RangeUp·f</c>, <c>down = max(0, 1 − RangeDown·f)</c>,
/// <c>f = (30 days / max(time to expiry, DteFloorDays))^p</c>, <c>p = ShortTermPower</c> when the expiry is at most 30
/// days away, else <c>LongTermPower</c>; an up-shocked vol is at least <see cref="MinVolUpShock"/>. Immutable.
/// </summary>
public sealed record DeriveVolShockParameters
{
    /// <summary>Creates the parameters (contract <c>VolShockParameters</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite, negative, or the DTE floor is not in (0, 400] days.</exception>
    public DeriveVolShockParameters(double rangeUp, double rangeDown, double shortTermPower, double longTermPower, double dteFloorDays, double minVolUpShock)
    {
        RangeUp = Guard.NonNegative(rangeUp, "Derive vol shock: range up");
        RangeDown = Guard.NonNegative(rangeDown, "Derive vol shock: range down");
        ShortTermPower = Guard.NonNegative(shortTermPower, "Derive vol shock: short-term power");
        LongTermPower = Guard.NonNegative(longTermPower, "Derive vol shock: long-term power");
        DteFloorDays = Guard.Positive(dteFloorDays, "Derive vol shock: DTE floor (days)");
        if (dteFloorDays > 400)
        {
            throw new ArgumentOutOfRangeException(nameof(dteFloorDays), dteFloorDays, $"Derive vol shock: DTE floor must be at most 400 days, got {Guard.Format(dteFloorDays)}.");
        }

        MinVolUpShock = Guard.NonNegative(minVolUpShock, "Derive vol shock: minimum up-shocked vol");
    }

    /// <summary>Vol range of the up shock (contract <c>volRangeUp</c>).</summary>
    public double RangeUp { get; }

    /// <summary>Vol range of the down shock (contract <c>volRangeDown</c>).</summary>
    public double RangeDown { get; }

    /// <summary>Power of the scaling for expiries at most 30 days away.</summary>
    public double ShortTermPower { get; }

    /// <summary>Power of the scaling for expiries more than 30 days away.</summary>
    public double LongTermPower { get; }

    /// <summary>Floor on the time to expiry in the scaling, days.</summary>
    public double DteFloorDays { get; }

    /// <summary>Least vol after an up shock (contract <c>minVolUpShock</c>; vectors' <c>MIN_VOL_EVAL_SHOCKED</c>).</summary>
    public double MinVolUpShock { get; }

    /// <summary>The up and down multipliers for an expiry <paramref name="seconds"/> away.</summary>
    public (double Up, double Down) Multipliers(double seconds)
    {
        const double ThirtyDays = 30 * 86_400.0;
        double f = Math.Pow(ThirtyDays / Math.Max(seconds, DteFloorDays * 86_400.0), seconds <= ThirtyDays ? ShortTermPower : LongTermPower);
        return (1 + (RangeUp * f), Math.Max(0, 1 - (RangeDown * f)));
    }
}

/// <summary>
/// Derive's static discount of an expiry's shocked value: a positive value times
/// <c>LongStatic·exp(−τ·(r·LongRateMult + LongRateAdd))</c>, a negative one times
/// <c>min(1/exp(−rτ), ShortStatic / exp(−τ·(r·ShortRateMult + ShortRateAdd)))</c>. Immutable.
/// </summary>
/// <param name="LongRateMultScale">Multiplier of the rate for a positive (long) expiry value.</param>
/// <param name="LongRateAddScale">Addition to the rate for a positive expiry value.</param>
/// <param name="LongStaticDiscount">Static factor for a positive value (vectors' <c>BASE_STATIC_DISCOUNT</c>).</param>
/// <param name="ShortRateMultScale">Multiplier of the rate for a negative (short) expiry value.</param>
/// <param name="ShortRateAddScale">Addition to the rate for a negative expiry value.</param>
/// <param name="ShortStaticDiscount">Static factor for a negative value (vectors' <c>BASE_STATIC_DISCOUNT_NEG</c>).</param>
public sealed record DeriveDiscountParameters(double LongRateMultScale, double LongRateAddScale, double LongStaticDiscount,
    double ShortRateMultScale, double ShortRateAddScale, double ShortStaticDiscount)
{
    /// <summary>The (positive-value, negative-value) factors of an expiry <paramref name="tau"/> years away at rate <paramref name="rate"/>.</summary>
    public (double Positive, double Negative) Factors(double tau, double rate)
    {
        double positive = LongStaticDiscount * Math.Exp(-(tau * ((rate * LongRateMultScale) + LongRateAddScale)));
        double negative = ShortStaticDiscount / Math.Exp(-(tau * ((rate * ShortRateMultScale) + ShortRateAddScale)));
        return (positive, Math.Min(1 / Math.Exp(-(rate * tau)), negative));
    }

    internal void Validate()
    {
        const string Owner = "Derive discount";
        Guard.NonNegative(LongRateMultScale, $"{Owner}: long rate multiplier");
        Guard.NonNegative(LongRateAddScale, $"{Owner}: long rate addition");
        Guard.NonNegative(LongStaticDiscount, $"{Owner}: long static discount");
        Guard.NonNegative(ShortRateMultScale, $"{Owner}: short rate multiplier");
        Guard.NonNegative(ShortRateAddScale, $"{Owner}: short rate addition");
        Guard.NonNegative(ShortStaticDiscount, $"{Owner}: short static discount");
    }
}

/// <summary>
/// Derive's forward (basis) contingency: per expiry <c>min(0, V(up) − V, V(down) − V)·(AddFactor + MultFactor·τ)</c>,
/// <c>V(up)</c> the expiry value with spot × <see cref="SpotUp"/>, vols unchanged, no static discount. Immutable.
/// </summary>
/// <param name="SpotUp">Spot multiplier of the up scenario, in (1, 3).</param>
/// <param name="SpotDown">Spot multiplier of the down scenario, in (0, 1).</param>
/// <param name="AddFactor">Additive factor.</param>
/// <param name="MultFactor">Factor per year to expiry.</param>
public sealed record DeriveBasisParameters(double SpotUp, double SpotDown, double AddFactor, double MultFactor)
{
    internal void Validate()
    {
        if (!(SpotUp > 1 && SpotUp < 3))
        {
            throw new ArgumentOutOfRangeException(nameof(SpotUp), SpotUp, $"Derive basis contingency: spot up must be in (1, 3), got {Guard.Format(SpotUp)}.");
        }

        if (!(SpotDown > 0 && SpotDown < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SpotDown), SpotDown, $"Derive basis contingency: spot down must be in (0, 1), got {Guard.Format(SpotDown)}.");
        }

        Guard.NonNegative(AddFactor, "Derive basis contingency: add factor");
        Guard.NonNegative(MultFactor, "Derive basis contingency: mult factor");
    }
}

/// <summary>
/// Derive's contingencies as fractions of the spot: per perpetual (or dated future) unit, per naked short option unit
/// per strike, and the haircut of the base asset held as risk-cancelling collateral; each with a maintenance rate and
/// an initial add-on (initial = maintenance + add-on, as in the contract); and the stablecoin depeg rule of the IM loss
/// factor: <c>imFactor + max(0, PegLossThreshold − stablePrice)·PegLossFactor</c>. Immutable.
/// </summary>
/// <param name="PerpMaintenance">Perp contingency rate for MM (contract <c>MMPerpPercent</c>).</param>
/// <param name="PerpInitialAddOn">Extra perp rate for IM (contract <c>IMPerpPercent</c>).</param>
/// <param name="OptionMaintenance">Naked short option rate for MM (<c>MMOptionPercent</c>).</param>
/// <param name="OptionInitialAddOn">Extra naked short option rate for IM (<c>IMOptionPercent</c>).</param>
/// <param name="BaseMaintenanceHaircut">Haircut of the base asset's value for MM (collateral <c>MMHaircut</c>).</param>
/// <param name="BaseInitialAddOnHaircut">Extra haircut for IM (collateral <c>IMHaircut</c>).</param>
/// <param name="PegLossThreshold">Stablecoin price below which the IM loss factor grows (contract <c>pegLossThreshold</c>).</param>
/// <param name="PegLossFactor">Growth of the IM loss factor per unit of depeg below the threshold (<c>pegLossFactor</c>).</param>
public sealed record DeriveContingencyParameters(double PerpMaintenance, double PerpInitialAddOn, double OptionMaintenance, double OptionInitialAddOn,
    double BaseMaintenanceHaircut, double BaseInitialAddOnHaircut, double PegLossThreshold, double PegLossFactor)
{
    internal void Validate()
    {
        Guard.NonNegative(PerpMaintenance, "Derive contingency: perp maintenance rate");
        Guard.NonNegative(PerpInitialAddOn, "Derive contingency: perp initial add-on");
        Guard.NonNegative(OptionMaintenance, "Derive contingency: option maintenance rate");
        Guard.NonNegative(OptionInitialAddOn, "Derive contingency: option initial add-on");
        Guard.NonNegative(BaseMaintenanceHaircut, "Derive contingency: base maintenance haircut");
        Guard.NonNegative(BaseInitialAddOnHaircut, "Derive contingency: base initial add-on haircut");
        Guard.NonNegative(PegLossThreshold, "Derive contingency: peg loss threshold");
        Guard.NonNegative(PegLossFactor, "Derive contingency: peg loss factor");
    }
}

/// <summary>
/// Derive's skew scenarios: per expiry the cap <c>c = CBase·√τ + BaseCap</c> (linear or abs), the width
/// <c>k* = max(MinKStar, √τ·WidthScale·(VolParamStatic + √τ·VolParamScale))</c>, and per option the vol multiplier
/// <c>1 + clamp(c·k/k*, −c, c)</c> (at least 0) with <c>k = ln(K/F)</c> (linear) or <c>|ln(K/F)|</c> (abs). Immutable.
/// </summary>
/// <param name="LinearBaseCap">Base cap of the linear scenario.</param>
/// <param name="LinearCBase">Slope of the linear cap in √τ.</param>
/// <param name="AbsBaseCap">Base cap of the abs scenario.</param>
/// <param name="AbsCBase">Slope of the abs cap in √τ.</param>
/// <param name="MinKStar">Least width <c>k*</c>, &gt; 0.</param>
/// <param name="WidthScale">Width scale.</param>
/// <param name="VolParamStatic">Vol estimate at τ = 0.</param>
/// <param name="VolParamScale">Slope of the vol estimate in √τ.</param>
public sealed record DeriveSkewParameters(double LinearBaseCap, double LinearCBase, double AbsBaseCap, double AbsCBase, double MinKStar, double WidthScale,
    double VolParamStatic, double VolParamScale)
{
    /// <summary>Vol multiplier of an option with strike <paramref name="strike"/> on an expiry with forward <paramref name="forward"/>, <paramref name="tau"/> years away.</summary>
    public double Multiplier(bool linear, double strike, double forward, double tau)
    {
        double sqrtTau = Math.Sqrt(Math.Max(tau, 0));
        double cap = linear ? (LinearCBase * sqrtTau) + LinearBaseCap : (AbsCBase * sqrtTau) + AbsBaseCap;
        double kStar = Math.Max(MinKStar, sqrtTau * WidthScale * (VolParamStatic + (sqrtTau * VolParamScale)));
        double k = Math.Log(strike / forward);
        k = linear ? k : Math.Abs(k);
        double m = 1 + (k >= 0 ? Math.Min(cap, k * cap / kStar) : Math.Max(-cap, k * cap / kStar));
        return Math.Max(m, 0);
    }

    internal void Validate()
    {
        const string Owner = "Derive skew";
        Guard.Finite(LinearBaseCap, $"{Owner}: linear base cap");
        Guard.Finite(LinearCBase, $"{Owner}: linear c-base");
        Guard.Finite(AbsBaseCap, $"{Owner}: abs base cap");
        Guard.Finite(AbsCBase, $"{Owner}: abs c-base");
        Guard.Positive(MinKStar, $"{Owner}: minimum k*");
        Guard.NonNegative(WidthScale, $"{Owner}: width scale");
        Guard.NonNegative(VolParamStatic, $"{Owner}: vol param static");
        Guard.Finite(VolParamScale, $"{Owner}: vol param scale");
    }
}
