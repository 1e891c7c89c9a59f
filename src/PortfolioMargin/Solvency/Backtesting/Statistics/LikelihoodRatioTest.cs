using System.Globalization;
using MathNet.Numerics;

namespace PortfolioMargin.Solvency;

/// <summary>
/// A likelihood-ratio test: the statistic <c>LR = −2 ln(L_0 / L_1)</c>, its degrees of freedom, and the asymptotic
/// p-value <c>P(χ²_df ≥ LR)</c> (regularized upper incomplete gamma <c>Q(df/2, LR/2)</c>, MathNet.Numerics). Immutable.
/// </summary>
/// <param name="Statistic">The LR statistic, ≥ 0.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom of the χ² reference distribution.</param>
/// <param name="PValue">Probability under the null of a statistic at least this large, in [0, 1].</param>
public sealed record LikelihoodRatioTest(double Statistic, int DegreesOfFreedom, double PValue)
{
    /// <summary>True when the test rejects the null at significance <paramref name="significance"/> (p-value below it).</summary>
    /// <param name="significance">Test size in (0, 1), e.g. 0.05.</param>
    /// <returns>True when rejected.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significance"/> is outside (0, 1).</exception>
    public bool Rejects(double significance = 0.05)
    {
        if (!(significance > 0 && significance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(significance), significance, "Significance must be in (0, 1), e.g. 0.05.");
        }

        return PValue < significance;
    }

    /// <summary>E.g. <c>LR 7.35 (df 1), p 0.0067</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"LR {Statistic:G4} (df {DegreesOfFreedom}), p {PValue:G4}");

    /// <summary>The test for a statistic: rounding below 0 is set to 0, and the p-value is the χ² upper tail.</summary>
    internal static LikelihoodRatioTest Of(double statistic, int df)
    {
        double lr = Math.Max(statistic, 0.0);
        return new LikelihoodRatioTest(lr, df, lr == 0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(df / 2.0, lr / 2.0));
    }

    /// <summary><c>a·ln(b)</c> with the convention <c>0·ln 0 = 0</c> (a likelihood term of an outcome never observed).</summary>
    internal static double XLogY(double a, double b) => a == 0 ? 0.0 : a * Math.Log(b);
}
