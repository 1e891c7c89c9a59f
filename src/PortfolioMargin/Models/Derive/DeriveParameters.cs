using System.Collections.Immutable;
using System.Globalization;

namespace PortfolioMargin.Models.Derive;

/// <summary>
/// The parameter set of Derive's portfolio margin manager PM2 (<c>PMRM_2</c>): scenarios (regular, tail, skew),
/// vol shock, static discount, forward contingency, contingencies, skew shock, the maintenance and initial loss factors,
/// and the provenance of every value. Immutable; the constructor validates. See <c>docs/venues/derive.md</c>.
/// </summary>
public sealed record DeriveParameters
{
    /// <summary>Creates a parameter set.</summary>
    /// <param name="version">Label reported in results, e.g. <c>DERIVE-PM2-VECTORS-2025</c>.</param>
    /// <param name="maintenanceLossFactor">Factor on the max loss for MM (contract <c>mmFactor</c>), in [0.5, 10].</param>
    /// <param name="initialLossFactor">Factor on the max loss for IM (contract <c>imFactor</c>), in [0.5, 10].</param>
    /// <param name="scenarios">Scenarios in order (1 to 40; at most one linear and one abs skew scenario, each with spot shock 1).</param>
    /// <param name="volShock">Vol shock parameters.</param>
    /// <param name="discount">Static discount parameters.</param>
    /// <param name="basis">Forward contingency parameters.</param>
    /// <param name="contingency">Perp, option and base contingencies.</param>
    /// <param name="skew">Skew shock parameters.</param>
    /// <param name="provenance">Sources and notes.</param>
    /// <exception cref="ArgumentException">A value is out of range (the message names it) or the scenario list breaks the contract's rules.</exception>
    public DeriveParameters(string version, double maintenanceLossFactor, double initialLossFactor, IEnumerable<DeriveScenario> scenarios,
        DeriveVolShockParameters volShock, DeriveDiscountParameters discount, DeriveBasisParameters basis, DeriveContingencyParameters contingency,
        DeriveSkewParameters skew, ParameterProvenance provenance)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(scenarios);
        CheckFactor(maintenanceLossFactor, "maintenance loss factor");
        CheckFactor(initialLossFactor, "initial loss factor");
        Version = version;
        MaintenanceLossFactor = maintenanceLossFactor;
        InitialLossFactor = initialLossFactor;
        Scenarios = [.. scenarios];
        CheckScenarios(Scenarios);
        VolShock = Guard.NotNull(volShock);
        Discount = Guard.NotNull(discount);
        Discount.Validate();
        Basis = Guard.NotNull(basis);
        Basis.Validate();
        Contingency = Guard.NotNull(contingency);
        Contingency.Validate();
        Skew = Guard.NotNull(skew);
        Skew.Validate();
        Provenance = Guard.NotNull(provenance);
    }

    /// <summary>Label reported in results.</summary>
    public string Version { get; }

    /// <summary>Factor on the max loss for maintenance margin.</summary>
    public double MaintenanceLossFactor { get; }

    /// <summary>Factor on the max loss for initial margin.</summary>
    public double InitialLossFactor { get; }

    /// <summary>Scenarios in order (ties bind the earliest, as in the contract).</summary>
    public ImmutableArray<DeriveScenario> Scenarios { get; }

    /// <summary>Vol shock.</summary>
    public DeriveVolShockParameters VolShock { get; }

    /// <summary>Static discount.</summary>
    public DeriveDiscountParameters Discount { get; }

    /// <summary>Forward contingency.</summary>
    public DeriveBasisParameters Basis { get; }

    /// <summary>Contingencies.</summary>
    public DeriveContingencyParameters Contingency { get; }

    /// <summary>Skew shock.</summary>
    public DeriveSkewParameters Skew { get; }

    /// <summary>Sources and per-parameter notes.</summary>
    public ParameterProvenance Provenance { get; }

    /// <summary>
    /// The parameters embedded in Derive's public PM2 test vectors (<c>derivexyz/v2-core</c>,
    /// <c>test/risk-managers/unit-tests/PMRM_2/portfolio_cases</c>, the non-sweep cases such as
    /// <c>test_18_structures_OTM_call_spread.json</c>): 23 regular scenarios over ±18 % in 4.5 % steps, six tail
    /// scenarios dampened by <c>0.2·0.18/|m|</c>, two skew scenarios. See <see cref="Provenance"/> for where the docs differ.
    /// </summary>
    public static DeriveParameters Default { get; } = DeriveDefaults.Create();

    /// <summary>Stable id of scenario <paramref name="index"/>: <c>R+18.0%_VU</c> (regular), <c>T-66.0%_VU</c> (tail), <c>SKEW_LINEAR</c>, <c>SKEW_ABS</c>.</summary>
    public string ScenarioId(int index)
    {
        DeriveScenario s = Scenarios[index];
        if (s.VolShock is DeriveVolShock.Linear or DeriveVolShock.Abs)
        {
            return s.VolShock == DeriveVolShock.Linear ? "SKEW_LINEAR" : "SKEW_ABS";
        }

        string leg = s.VolShock switch { DeriveVolShock.Up => "VU", DeriveVolShock.Down => "VD", _ => "V0" };
        string move = global::PortfolioMargin.Scenarios.ScenarioIds.Move(s.SpotShock - 1);
        return string.Create(CultureInfo.InvariantCulture, $"{(s.Tail ? "T" : "R")}{move}_{leg}");
    }

    private static void CheckFactor(double value, string what)
    {
        if (!(value >= 0.5 && value <= 10))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Derive parameters: {what} must be in [0.5, 10], got {Guard.Format(value)}.");
        }
    }

    private static void CheckScenarios(ImmutableArray<DeriveScenario> scenarios)
    {
        if (scenarios.IsEmpty || scenarios.Length > 40)
        {
            Guard.ThrowArgument($"Derive parameters: need 1 to 40 scenarios, got {scenarios.Length}.", nameof(scenarios));
        }

        bool linear = false, abs = false;
        for (int i = 0; i < scenarios.Length; i++)
        {
            DeriveScenario s = scenarios[i];
            string at = string.Create(CultureInfo.InvariantCulture, $"Derive scenario {i}");
            Guard.Positive(s.SpotShock, $"{at}: spot shock", nameof(scenarios));
            if (!(s.Dampening >= 0 && s.Dampening <= 10))
            {
                throw new ArgumentOutOfRangeException(nameof(scenarios), s.Dampening, $"{at}: dampening must be in [0, 10], got {Guard.Format(s.Dampening)}.");
            }

            if (!Enum.IsDefined(s.VolShock))
            {
                throw new ArgumentOutOfRangeException(nameof(scenarios), s.VolShock, $"{at}: unknown vol shock.");
            }

            if (s.VolShock is DeriveVolShock.Linear or DeriveVolShock.Abs)
            {
                ref bool seen = ref s.VolShock == DeriveVolShock.Linear ? ref linear : ref abs;
                if (seen || s.SpotShock != 1)
                {
                    Guard.ThrowArgument($"{at}: a skew scenario ({s.VolShock}) must have spot shock 1 and appear once.", nameof(scenarios));
                }

                seen = true;
            }
        }
    }
}
