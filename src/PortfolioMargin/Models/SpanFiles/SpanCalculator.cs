using System.Collections.Immutable;
using System.Globalization;
using System.Numerics.Tensors;

namespace PortfolioMargin.Span;

/// <summary>Computes the SPAN margin of positions from a SPAN file's own risk arrays and rules (no revaluation).</summary>
/// <remarks>
/// <para>Per combined commodity (span-xml.md §3): scenario losses <c>L_j = Σ q · a_j</c> per scan tier, scan risk
/// <c>Σ_tiers max(0, max_j L_j)</c>; intra-commodity spreads in ascending priority consuming period/tier deltas; spot charge;
/// short option minimum per SOM tier; inter-commodity credits in priority order; risk requirement
/// <c>max(scan + intra + spot − credit, SOM)</c>; net option value subtracted with a floor at 0; <c>adjRate</c> scaling.</para>
/// <para>Attribution: a position's scan share is its loss in its scan tier's first binding scenario; a spread's charge is split
/// over its legs by <c>i</c>, over each leg's periods by the delta consumed there, and within a period by each position's
/// share of the period's net delta; spot charges and inter credits likewise; the SOM goes to the net short options on the
/// binding side pro rata their short quantity; NOV to each option. When the floor applies every contribution is 0.
/// Contributions therefore sum to the total.</para>
/// <para>Stateless and thread-safe; use <see cref="Default"/>.</para>
/// </remarks>
public sealed class SpanCalculator
{
    private const double Snap = 1e-12;

    /// <summary>The shared instance.</summary>
    public static SpanCalculator Default { get; } = new();

    /// <summary>Computes the margin of <paramref name="positions"/> against <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The SPAN file's parameters.</param>
    /// <param name="positions">The positions (any order; an empty list gives a zero result).</param>
    /// <param name="options">Calculation options; <see langword="null"/> = <see cref="SpanMarginOptions.Default"/>.</param>
    /// <returns>The immutable result.</returns>
    /// <exception cref="SpanUnmatchedPositionsException">One or more positions match no contract (all are named).</exception>
    /// <exception cref="NotSupportedException">A spread uses a charge method or feature the library does not implement (the spread is named).</exception>
    /// <exception cref="InvalidOperationException">The file's rules cannot be applied (missing rate, adjRate chain, price for NOV, period outside every scan tier).</exception>
    public SpanMarginResult Calculate(SpanRiskParameters parameters, IReadOnlyList<SpanPosition> positions, SpanMarginOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(positions);
        options ??= SpanMarginOptions.Default;
        var resolved = Resolve(parameters, positions, options);
        var result = Compute(parameters, positions, resolved, options) with
        {
            ClearingOrganization = parameters.ClearingOrganization,
            BusinessDate = parameters.BusinessDate,
            ScenarioPoints = parameters.ScenarioPoints,
            CurrencyConversion = options.CurrencyConversion,
            FileCurrency = FileCurrency(parameters),
        };
        if (!options.ComputeStandalone)
        {
            return result;
        }

        double standalone = 0;
        var standaloneM = new double[positions.Count];
        var standaloneI = new double[positions.Count];
        var single = new SpanPosition[1];
        for (int i = 0; i < positions.Count; i++)
        {
            single[0] = positions[i];
            var alone = Compute(parameters, single, [resolved[i]], options);
            standaloneM[i] = alone.MaintenanceMargin;
            standaloneI[i] = alone.InitialMargin;
            standalone += alone.MaintenanceMargin;
        }

        return result with
        {
            StandaloneMaintenance = standalone,
            Efficiency = standalone == 0 ? 0 : 1 - (result.MaintenanceMargin / standalone),
            StandaloneMaintenanceByPosition = [.. standaloneM],
            StandaloneInitialByPosition = [.. standaloneI],
        };
    }

    /// <summary>The currency an empty result is reported in: the first combined commodity's, else the file's first currency definition.</summary>
    private static string? FileCurrency(SpanRiskParameters p) =>
        !p.CombinedCommodities.IsEmpty ? p.CombinedCommodities[0].Currency : !p.Currencies.IsEmpty ? p.Currencies[0].Code : null;

    // ---- resolution ---------------------------------------------------------------------------------------------------

    private static (int Contract, double Quantity)[] Resolve(SpanRiskParameters p, IReadOnlyList<SpanPosition> positions, SpanMarginOptions o)
    {
        var result = new (int, double)[positions.Count];
        var errors = new List<string>();
        for (int i = 0; i < positions.Count; i++)
        {
            var pos = positions[i] ?? throw new ArgumentException($"position {i} is null", nameof(positions));
            SpanContract c = default;
            string? why = null;
            if (pos.Id is { } id)
            {
                if (!p.TryFindContract(id, out c))
                {
                    why = "no contract with these ids";
                }
            }
            else
            {
                int n = p.FindByKey(pos.Key!.Value, out c);
                why = n switch
                {
                    0 => "no contract with these terms (combined commodity, product family, period, strike, right)",
                    > 1 => "more than one contract with these terms; give the product kind",
                    _ => null,
                };
            }

            if (why is null && c.CombinedCommodity is null)
            {
                why = $"product family {c.ProductFamily.Code} is linked to no combined commodity";
            }

            if (why is null && c.RiskArrayCount == 0)
            {
                why = "the contract has no risk array";
            }

            double q = pos.Quantity;
            if (why is null && pos.InLots)
            {
                if (o.LotSizes is null || !o.LotSizes.TryGetValue(c.ProductFamily.Code, out double lot) || !(lot > 0) || !double.IsFinite(lot))
                {
                    why = $"quantity in lots but no positive lot size for product family {c.ProductFamily.Code}";
                }
                else
                {
                    q *= lot;
                }
            }

            if (why is not null)
            {
                errors.Add($"#{i} '{pos.Label}': {why}");
                continue;
            }

            result[i] = (c.Index, q);
        }

        if (errors.Count > 0)
        {
            throw new SpanUnmatchedPositionsException(errors);
        }

        return result;
    }

    // ---- the computation ----------------------------------------------------------------------------------------------

    private sealed class CcWork
    {
        public required int Index;
        public required SpanCombinedCommodity Def;
        public List<int> Positions { get; } = [];
        public List<string> Periods { get; } = [];
        public double[] Orig = [];
        public double[] Rem = [];
        public int[] PeriodOf = [];
        public double PriceRisk;
        public double NetDelta;
        public double Credit;
        public SpanCombinedCommodityResult? Partial;
    }

    private static SpanMarginResult Compute(SpanRiskParameters p, IReadOnlyList<SpanPosition> positions, (int Contract, double Quantity)[] resolved, SpanMarginOptions o)
    {
        int n = positions.Count;
        var scan = new double[n];
        var intra = new double[n];
        var spot = new double[n];
        var credit = new double[n];
        var som = new double[n];
        var nov = new double[n];
        var delta = new double[n];

        // Group positions by combined commodity (file order of the ccDefs).
        var works = new SortedDictionary<int, CcWork>();
        for (int i = 0; i < n; i++)
        {
            string cc = p.ProductFamilies[p.ContractFamily[resolved[i].Contract]].CombinedCommodity!;
            int ci = p.CombinedCommodityIndex(cc);
            if (ci < 0)
            {
                SpanThrow.InvalidData($"combined commodity '{cc}' is not in the parameters");
            }

            if (!works.TryGetValue(ci, out var w))
            {
                w = new CcWork { Index = ci, Def = p.CombinedCommodities[ci] };
                works.Add(ci, w);
            }

            w.Positions.Add(i);
        }

        foreach (var w in works.Values)
        {
            w.Partial = ComputeCc(p, w, resolved, o, scan, intra, spot, som, nov, delta);
        }

        var inter = ApplyInterSpreads(p, works, o, credit, delta);

        var ccResults = ImmutableArray.CreateBuilder<SpanCombinedCommodityResult>();
        var contributions = new SpanPositionContribution[n];
        double totalM = 0, totalI = 0;
        foreach (var w in works.Values)
        {
            var r = w.Partial!;
            double core = r.ScanRisk + r.IntraSpreadCharge + r.SpotCharge - w.Credit;
            bool somBinds = r.ShortOptionMinimum > core;
            double risk = Math.Max(core, r.ShortOptionMinimum);
            double fM = Factor(w.Def, o.MaintenanceRateId ?? o.RateId, o.RateId);
            double fI = Factor(w.Def, o.InitialRateId ?? o.MaintenanceRateId ?? o.RateId, o.RateId);
            double mRaw = (fM * risk) - r.NetOptionValue, iRaw = (fI * risk) - r.NetOptionValue;
            bool floorM = o.FloorAtZero && mRaw < 0, floorI = o.FloorAtZero && iRaw < 0;
            double m = floorM ? 0 : mRaw, ini = floorI ? 0 : iRaw;
            totalM += m;
            totalI += ini;
            ccResults.Add(r with
            {
                InterCredit = w.Credit,
                RiskRequirement = risk,
                SomBinds = somBinds,
                MaintenanceFactor = fM,
                InitialFactor = fI,
                MaintenanceMargin = m,
                InitialMargin = ini,
                FloorApplied = floorM,
            });

            foreach (int i in w.Positions)
            {
                double part = somBinds ? som[i] : scan[i] + intra[i] + spot[i] - credit[i];
                var (c, q) = resolved[i];
                contributions[i] = new SpanPositionContribution(
                    positions[i].Label,
                    i,
                    w.Def.Code,
                    p.GetContract(c).Id,
                    q,
                    somBinds ? 0 : scan[i],
                    somBinds ? 0 : intra[i],
                    somBinds ? 0 : spot[i],
                    somBinds ? 0 : credit[i],
                    somBinds ? som[i] : 0,
                    nov[i],
                    floorM ? 0 : (fM * part) - nov[i],
                    floorI ? 0 : (fI * part) - nov[i]);
            }
        }

        return new SpanMarginResult
        {
            MaintenanceMargin = totalM,
            InitialMargin = totalI,
            Currencies = [.. ccResults.Select(c => c.Currency).Distinct()],
            CombinedCommodities = ccResults.ToImmutable(),
            InterSpreads = inter,
            Contributions = [.. contributions],
            StandaloneMaintenance = double.NaN,
            Efficiency = double.NaN,
            Diagnostics = p.Diagnostics,
        };
    }

    private static SpanCombinedCommodityResult ComputeCc(
        SpanRiskParameters p,
        CcWork w,
        (int Contract, double Quantity)[] resolved,
        SpanMarginOptions o,
        double[] scan,
        double[] intra,
        double[] spot,
        double[] som,
        double[] nov,
        double[] delta)
    {
        var def = w.Def;
        const int S = SpanRiskParameters.ScenarioCount;

        // Net positions per contract, periods, deltas.
        var net = new Dictionary<int, double>();
        var periodIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        w.PeriodOf = new int[resolved.Length];
        foreach (int i in w.Positions)
        {
            var (c, q) = resolved[i];
            net[c] = net.GetValueOrDefault(c) + q;
            string pe = p.Periods[p.ContractPeriod[c]];
            if (!periodIndex.TryGetValue(pe, out int k))
            {
                k = w.Periods.Count;
                periodIndex.Add(pe, k);
                w.Periods.Add(pe);
            }

            w.PeriodOf[i] = k;
            delta[i] = q * p.RaDelta[p.ContractRaStart[c]];
        }

        w.Orig = new double[w.Periods.Count];
        var gross = new double[w.Periods.Count];
        double grossTotal = 0;
        foreach (int i in w.Positions)
        {
            w.Orig[w.PeriodOf[i]] += delta[i];
            gross[w.PeriodOf[i]] += Math.Abs(delta[i]);
            grossTotal += Math.Abs(delta[i]);
        }

        // A delta that nets to zero must be exactly zero: a rounding residue (relative to the gross deltas summed) would
        // otherwise have a sign, form spreads, and through WPR = price risk / |net delta| grant a spurious credit.
        for (int k = 0; k < w.Orig.Length; k++)
        {
            if (Math.Abs(w.Orig[k]) <= Snap * gross[k])
            {
                w.Orig[k] = 0;
            }
        }

        w.Rem = (double[])w.Orig.Clone();
        w.NetDelta = w.Orig.Sum();
        if (Math.Abs(w.NetDelta) <= Snap * grossTotal)
        {
            w.NetDelta = 0;
        }

        // 1. Scan risk per scan tier.
        var tiers = def.ScanTiers.IsDefaultOrEmpty ? [new SpanTier(0, null, null, [])] : def.ScanTiers;
        var tierLosses = new double[tiers.Length * S];
        var tierOf = new Dictionary<int, int>();
        foreach (var (c, q) in net)
        {
            string pe = p.Periods[p.ContractPeriod[c]];
            int t = 0;
            while (t < tiers.Length && !tiers[t].Contains(pe))
            {
                t++;
            }

            if (t == tiers.Length)
            {
                SpanThrow.InvalidData($"combined commodity '{def.Code}': period {pe} of {p.GetContract(c)} lies in no scan tier");
            }

            tierOf[c] = t;
            var acc = tierLosses.AsSpan(t * S, S);
            TensorPrimitives.MultiplyAdd(p.BaseArray(c), q, acc, acc);
        }

        var ccLosses = new double[S];
        var tierResults = ImmutableArray.CreateBuilder<SpanScanTierResult>();
        double scanRisk = 0, priceRisk = 0;
        var binding = new int[tiers.Length];
        for (int t = 0; t < tiers.Length; t++)
        {
            var L = tierLosses.AsSpan(t * S, S);
            TensorPrimitives.Add(ccLosses, L, ccLosses);
            var tr = ScanTier(p, tiers[t].Number, L);
            binding[t] = tr.BindingScenarios.IsEmpty ? 0 : tr.BindingScenarios[0];
            scanRisk += tr.ScanRisk;
            priceRisk += tr.PriceRisk;
            tierResults.Add(tr);
        }

        w.PriceRisk = priceRisk;
        foreach (int i in w.Positions)
        {
            var (c, q) = resolved[i];
            int s = binding[tierOf[c]];
            scan[i] = s == 0 ? 0 : q * p.BaseArray(c)[s - 1];
        }

        // 3. Intra-commodity spreads in ascending priority (stable for equal priorities).
        var spreads = ImmutableArray.CreateBuilder<SpanIntraSpreadResult>();
        double intraTotal = 0;
        foreach (var sp in def.IntraSpreads.OrderBy(s => s.Priority))
        {
            if (sp.UnsupportedFeature is not null)
            {
                SpanThrow.NotSupported($"combined commodity '{def.Code}', intra-commodity spread {sp.Priority} (line {sp.Line}): {sp.UnsupportedFeature} is not supported");
            }

            if (!string.Equals(sp.ChargeMethod, "F", StringComparison.OrdinalIgnoreCase))
            {
                SpanThrow.NotSupported($"combined commodity '{def.Code}', intra-commodity spread {sp.Priority} (line {sp.Line}): chargeMeth '{sp.ChargeMethod}' is not supported (only 'F', flat rate per spread)");
            }

            double rate = PickRate(sp.Rates, o.RateId, $"combined commodity '{def.Code}', intra-commodity spread {sp.Priority}");
            var legSets = sp.Legs.Select(l => LegPeriods(w, def, l, inter: false)).ToArray();
            var formed = Form(w, sp.Legs, legSets, out double nSpreads);
            if (formed is null)
            {
                continue;
            }

            double charge = nSpreads * rate;
            intraTotal += charge;
            Attribute(sp.Legs, formed, charge, delta, intra);
            spreads.Add(new SpanIntraSpreadResult(sp.Priority, sp.ChargeMethod, nSpreads, rate, charge, [.. formed.Select(f => f.Leg)]));
        }

        // 4. Spot charge: per period in a spot month, sprd on the delta consumed by spreads, outr on what remains.
        double spotTotal = 0;
        foreach (var group in def.SpotRates.GroupBy(s => s.Period))
        {
            var sr = PickSpot([.. group], o.RateId, def.Code);
            for (int k = 0; k < w.Periods.Count; k++)
            {
                if (!SpanPeriods.Matches(w.Periods[k], sr.Period) || w.Orig[k] == 0)
                {
                    continue;
                }

                double charge = (sr.SpreadRate * (Math.Abs(w.Orig[k]) - Math.Abs(w.Rem[k]))) + (sr.OutrightRate * Math.Abs(w.Rem[k]));
                spotTotal += charge;
                foreach (int i in w.Positions)
                {
                    if (w.PeriodOf[i] == k)
                    {
                        spot[i] += charge * delta[i] / w.Orig[k];
                    }
                }
            }
        }

        // 5. Short option minimum per SOM tier.
        var somMethod = o.SomMethod ?? def.SomMethod;
        var somTiers = ImmutableArray.CreateBuilder<SpanSomTierResult>();
        double somTotal = 0;
        foreach (var tier in def.SomTiers)
        {
            double calls = 0, puts = 0;
            foreach (var (c, q) in net)
            {
                if (q < 0 && p.ContractRight[c] != 0 && tier.Contains(p.Periods[p.ContractPeriod[c]]))
                {
                    if (p.ContractRight[c] == 1)
                    {
                        calls -= q;
                    }
                    else
                    {
                        puts -= q;
                    }
                }
            }

            if (calls == 0 && puts == 0)
            {
                continue;
            }

            double rate = PickRate(tier.Rates, o.RateId, $"combined commodity '{def.Code}', SOM tier {tier.Number}");
            double count = somMethod == SpanSomMethod.Gross ? calls + puts : Math.Max(calls, puts);
            double charge = rate * count;
            somTotal += charge;
            somTiers.Add(new SpanSomTierResult(tier.Number, rate, calls, puts, somMethod, charge));
            if (charge == 0)
            {
                continue;
            }

            bool callSide = somMethod == SpanSomMethod.Gross || calls >= puts;
            bool putSide = somMethod == SpanSomMethod.Gross || puts > calls;
            double denom = (callSide ? calls : 0) + (putSide ? puts : 0);
            foreach (int i in w.Positions)
            {
                var (c, q) = resolved[i];
                byte right = p.ContractRight[c];
                if (right != 0 && net[c] < 0 && ((right == 1 && callSide) || (right == 2 && putSide)) && tier.Contains(p.Periods[p.ContractPeriod[c]]))
                {
                    som[i] += charge * -q / denom;
                }
            }
        }

        // Net option value of premium-style options.
        double novTotal = 0;
        if (o.ApplyNetOptionValue)
        {
            foreach (int i in w.Positions)
            {
                var (c, q) = resolved[i];
                var fam = p.ProductFamilies[p.ContractFamily[c]];
                if (!fam.IsPremiumStyleOption)
                {
                    continue;
                }

                double price = p.ContractPrice[c];
                if (double.IsNaN(price))
                {
                    SpanThrow.InvalidData($"combined commodity '{def.Code}': option {p.GetContract(c)} has no price <p>; net option value needs it");
                }

                nov[i] = q * price * p.ContractCvf[c];
                novTotal += nov[i];
            }
        }

        var deltas = ImmutableArray.CreateBuilder<KeyValuePair<string, double>>();
        for (int k = 0; k < w.Periods.Count; k++)
        {
            deltas.Add(new(w.Periods[k], w.Orig[k]));
        }

        int best = 0;
        for (int t = 1; t < tierResults.Count; t++)
        {
            if (tierResults[t].ScanRisk > tierResults[best].ScanRisk)
            {
                best = t;
            }
        }

        return new SpanCombinedCommodityResult
        {
            Code = def.Code,
            Currency = def.Currency,
            ScenarioLosses = [.. ccLosses],
            ScanRisk = scanRisk,
            BindingScenarios = tierResults[best].BindingScenarios,
            ScanTiers = tierResults.ToImmutable(),
            NetDeltaByPeriod = deltas.ToImmutable(),
            IntraSpreads = spreads.ToImmutable(),
            IntraSpreadCharge = intraTotal,
            SpotCharge = spotTotal,
            SomTiers = somTiers.ToImmutable(),
            ShortOptionMinimum = somTotal,
            InterCredit = 0,
            WeightedPriceRisk = w.NetDelta == 0 ? 0 : priceRisk / Math.Abs(w.NetDelta),
            RiskRequirement = 0,
            SomBinds = false,
            NetOptionValue = novTotal,
            MaintenanceFactor = 1,
            InitialFactor = 1,
            MaintenanceMargin = 0,
            InitialMargin = 0,
            FloorApplied = false,
        };
    }

    /// <summary>Scan risk, binding scenarios (ties), time and price risk of one tier's 16 losses.</summary>
    internal static SpanScanTierResult ScanTier(SpanRiskParameters p, int tier, ReadOnlySpan<double> losses)
    {
        double max = TensorPrimitives.Max(losses);
        double scanRisk = Math.Max(0, max);
        var binding = ImmutableArray.CreateBuilder<int>();
        if (scanRisk > 0)
        {
            double tol = 1e-12 * Math.Abs(max);
            for (int j = 0; j < losses.Length; j++)
            {
                if (max - losses[j] <= tol)
                {
                    binding.Add(j + 1);
                }
            }
        }

        // Time risk: mean loss of the zero-price-move points (points 1 and 2 without a point definition).
        double timeSum = 0;
        int timeCount = 0;
        for (int j = 0; j < losses.Length; j++)
        {
            if (PriceMove(p, j + 1) == 0)
            {
                timeSum += losses[j];
                timeCount++;
            }
        }

        double time = timeCount == 0 ? 0 : timeSum / timeCount;
        double price = 0;
        if (binding.Count > 0 && PriceMove(p, binding[0]) != 0)
        {
            int paired = Paired(p, binding[0]);
            double pairMean = paired == 0 ? losses[binding[0] - 1] : (losses[binding[0] - 1] + losses[paired - 1]) / 2;
            price = Math.Max(0, pairMean - time);
        }

        return new SpanScanTierResult(tier, [.. losses], scanRisk, binding.ToImmutable(), time, price);
    }

    private static double PriceMove(SpanRiskParameters p, int point) =>
        p.ScenarioPoints.Length == SpanRiskParameters.ScenarioCount ? p.ScenarioPoints[point - 1].PriceMove : (point <= 2 ? 0 : 1);

    private static int Paired(SpanRiskParameters p, int point)
    {
        if (p.ScenarioPoints.Length == SpanRiskParameters.ScenarioCount)
        {
            int q = p.ScenarioPoints[point - 1].PairedPoint;
            return q is >= 1 and <= SpanRiskParameters.ScenarioCount ? q : 0;
        }

        return point <= 14 ? (point % 2 == 1 ? point + 1 : point - 1) : 0;
    }

    /// <summary>Local period indices covered by a leg: a period leg matches on its code, a tier leg on the tier's range.</summary>
    private static int[] LegPeriods(CcWork w, SpanCombinedCommodity def, SpanSpreadLeg leg, bool inter)
    {
        var result = new List<int>();
        SpanTier? tier = null;
        if (leg.Kind == SpanLegKind.Tier)
        {
            var tiers = inter ? def.InterTiers : def.IntraTiers;
            if (!tiers.IsEmpty)
            {
                tier = tiers.First(t => t.Number == leg.Tier);
            }
        }

        for (int k = 0; k < w.Periods.Count; k++)
        {
            bool hit = leg.Kind == SpanLegKind.Period ? SpanPeriods.Matches(w.Periods[k], leg.Period!) : tier?.Contains(w.Periods[k]) ?? true;
            if (hit)
            {
                result.Add(k);
            }
        }

        return [.. result];
    }

    /// <summary>A leg as formed, with the delta consumed per local period.</summary>
    private sealed record Formed(SpanLegResult Leg, int[] Periods, double[] ConsumedByPeriod, CcWork Work);

    /// <summary>Forms as many spreads as the legs' remaining deltas allow; consumes the deltas. Null when none forms.</summary>
    private static Formed[]? Form(CcWork w, ImmutableArray<SpanSpreadLeg> legs, int[][] sets, out double n) =>
        Form([.. Enumerable.Repeat(w, legs.Length)], legs, sets, out n);

    private static Formed[]? Form(CcWork[] works, ImmutableArray<SpanSpreadLeg> legs, int[][] sets, out double n)
    {
        n = double.PositiveInfinity;
        var legDelta = new double[legs.Length];
        double signA = 0;
        for (int l = 0; l < legs.Length; l++)
        {
            foreach (int k in sets[l])
            {
                legDelta[l] += works[l].Rem[k];
            }

            if (legDelta[l] == 0)
            {
                n = 0;
                return null;
            }

            double s = Math.Sign(legDelta[l]) * (legs[l].Side == SpanSpreadSide.A ? 1 : -1);
            if (signA == 0)
            {
                signA = s;
            }
            else if (s != signA)
            {
                n = 0;
                return null;
            }

            n = Math.Min(n, Math.Abs(legDelta[l]) / legs[l].DeltaPerSpread);
        }

        if (!(n > 0))
        {
            n = 0;
            return null;
        }

        var formed = new Formed[legs.Length];
        for (int l = 0; l < legs.Length; l++)
        {
            var w = works[l];
            double sign = Math.Sign(legDelta[l]);
            double amount = n * legs[l].DeltaPerSpread;
            double sameSign = 0;
            foreach (int k in sets[l])
            {
                if (Math.Sign(w.Rem[k]) == sign)
                {
                    sameSign += Math.Abs(w.Rem[k]);
                }
            }

            var consumed = new double[sets[l].Length];
            for (int j = 0; j < sets[l].Length; j++)
            {
                int k = sets[l][j];
                if (Math.Sign(w.Rem[k]) != sign)
                {
                    continue;
                }

                double take = Math.Min(Math.Abs(w.Rem[k]), amount * Math.Abs(w.Rem[k]) / sameSign);
                double before = w.Rem[k];
                w.Rem[k] -= sign * take;
                if (Math.Abs(w.Rem[k]) <= Snap * Math.Abs(before))
                {
                    take = Math.Abs(before);
                    w.Rem[k] = 0;
                }

                consumed[j] = take;
            }

            formed[l] = new Formed(new SpanLegResult(legs[l], legDelta[l], sign * amount), sets[l], consumed, w);
        }

        return formed;
    }

    /// <summary>Splits <paramref name="amount"/> over the legs by <c>i</c> (then <see cref="AttributeLeg"/>).</summary>
    private static void Attribute(ImmutableArray<SpanSpreadLeg> legs, Formed[] formed, double amount, double[] delta, double[] into)
    {
        double iSum = legs.Sum(l => l.DeltaPerSpread);
        for (int l = 0; l < formed.Length; l++)
        {
            AttributeLeg(formed[l], amount * legs[l].DeltaPerSpread / iSum, delta, into);
        }
    }

    // ---- inter-commodity spreads ----------------------------------------------------------------------------------

    private static ImmutableArray<SpanInterSpreadResult> ApplyInterSpreads(SpanRiskParameters p, SortedDictionary<int, CcWork> works, SpanMarginOptions o, double[] credit, double[] delta)
    {
        var results = ImmutableArray.CreateBuilder<SpanInterSpreadResult>();
        if (works.Count < 2)
        {
            return results.ToImmutable();
        }

        foreach (var sp in p.InterSpreads.OrderBy(s => s.Priority))
        {
            var legWorks = new CcWork[sp.Legs.Length];
            bool present = true;
            for (int l = 0; l < sp.Legs.Length && present; l++)
            {
                int ci = p.CombinedCommodityIndex(sp.Legs[l].CombinedCommodity);
                present = ci >= 0 && works.TryGetValue(ci, out legWorks[l]!);
            }

            if (!present)
            {
                continue;
            }

            if (sp.UnsupportedFeature is not null)
            {
                SpanThrow.NotSupported($"inter-commodity spread {sp.Priority} (line {sp.Line}): {sp.UnsupportedFeature} is not supported");
            }

            if (!string.Equals(sp.ChargeMethod, "W", StringComparison.OrdinalIgnoreCase))
            {
                SpanThrow.NotSupported($"inter-commodity spread {sp.Priority} (line {sp.Line}): chargeMeth '{sp.ChargeMethod}' is not supported (only 'W', credit rate on weighted futures price risk)");
            }

            double rate = PickRate(sp.Rates, o.RateId, $"inter-commodity spread {sp.Priority}");
            if (rate is < 0 or > 1)
            {
                SpanThrow.InvalidData($"inter-commodity spread {sp.Priority} (line {sp.Line}): credit rate {rate.ToString(CultureInfo.InvariantCulture)} is not a fraction in [0, 1]");
            }

            var sets = new int[sp.Legs.Length][];
            for (int l = 0; l < sp.Legs.Length; l++)
            {
                sets[l] = LegPeriods(legWorks[l], legWorks[l].Def, sp.Legs[l], inter: true);
            }

            var formed = Form(legWorks, sp.Legs, sets, out double n);
            if (formed is null)
            {
                continue;
            }

            var byCc = new List<KeyValuePair<string, double>>();
            for (int l = 0; l < formed.Length; l++)
            {
                var w = legWorks[l];
                double wpr = w.NetDelta == 0 ? 0 : w.PriceRisk / Math.Abs(w.NetDelta);
                double c = n * sp.Legs[l].DeltaPerSpread * wpr * rate;
                w.Credit += c;
                byCc.Add(new(w.Def.Code, c));
                AttributeLeg(formed[l], c, delta, credit);
            }

            results.Add(new SpanInterSpreadResult(sp.Priority, n, rate, [.. formed.Select(f => f.Leg)], [.. byCc]));
        }

        return results.ToImmutable();
    }

    /// <summary>Splits a leg's amount over its periods by the delta consumed there, and within a period by each position's
    /// share of the period's net delta (the shares of a period sum to 1).</summary>
    private static void AttributeLeg(Formed f, double amount, double[] delta, double[] into)
    {
        double consumedTotal = f.ConsumedByPeriod.Sum();
        for (int j = 0; j < f.Periods.Length; j++)
        {
            if (f.ConsumedByPeriod[j] == 0)
            {
                continue;
            }

            int k = f.Periods[j];
            double periodAmount = amount * f.ConsumedByPeriod[j] / consumedTotal;
            foreach (int i in f.Work.Positions)
            {
                if (f.Work.PeriodOf[i] == k)
                {
                    into[i] += periodAmount * delta[i] / f.Work.Orig[k];
                }
            }
        }
    }

    // ---- rates ----------------------------------------------------------------------------------------------------

    private static double PickRate(ImmutableArray<SpanRate> rates, int rateId, string what)
    {
        foreach (var r in rates)
        {
            if (r.RateId == rateId)
            {
                return r.Value;
            }
        }

        if (rates.Length == 1)
        {
            return rates[0].Value;
        }

        SpanThrow.InvalidData($"{what}: no rate for r = {rateId.ToString(CultureInfo.InvariantCulture)} (the rule has {rates.Length} rates)");
        return 0;
    }

    private static SpanSpotRate PickSpot(SpanSpotRate[] rates, int rateId, string cc)
    {
        foreach (var r in rates)
        {
            if (r.RateId == rateId)
            {
                return r;
            }
        }

        if (rates.Length == 1)
        {
            return rates[0];
        }

        SpanThrow.InvalidData($"combined commodity '{cc}': no spot rate for r = {rateId.ToString(CultureInfo.InvariantCulture)} in period {rates[0].Period}");
        return rates[0];
    }

    /// <summary>The <c>adjRate</c> factor from <paramref name="target"/> down to <paramref name="baseRate"/> (1 when equal).</summary>
    internal static double Factor(SpanCombinedCommodity cc, int target, int baseRate)
    {
        double f = 1;
        int r = target;
        for (int hops = 0; r != baseRate; hops++)
        {
            if (hops > 16)
            {
                SpanThrow.InvalidData($"combined commodity '{cc.Code}': adjRate chain from r = {target} does not reach r = {baseRate}");
            }

            SpanAdjRate? step = null;
            foreach (var a in cc.AdjRates)
            {
                if (a.RateId == r)
                {
                    step = a;
                    break;
                }
            }

            if (step is null)
            {
                SpanThrow.InvalidData($"combined commodity '{cc.Code}': no adjRate for r = {r} (needed to scale r = {target} from the base r = {baseRate})");
            }

            f *= step.Value;
            r = step.BaseRateId;
        }

        return f;
    }
}
