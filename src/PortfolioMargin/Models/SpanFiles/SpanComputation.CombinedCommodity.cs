using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace PortfolioMargin.Models.SpanFiles;

/// <summary>The per-combined-commodity steps: nets and deltas, scan risk, intra spreads, spot charge, SOM and NOV.</summary>
internal sealed partial class SpanComputation
{
    private const int S = SpanRiskParameters.ScenarioCount;

    /// <summary>Nets positions per contract, collects periods and per-period net deltas (a residue that nets to zero is 0).</summary>
    private void NetAndDeltas(SpanCcWork w)
    {
        var netIndex = new Dictionary<int, int>();
        var periodIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        Array.Fill(w.PeriodOf, -1);
        foreach (int i in w.Entries)
        {
            (int c, double q) = (_entries[i].Contract, _entries[i].Quantity);
            if (netIndex.TryGetValue(c, out int k))
            {
                w.Nets[k] = (c, w.Nets[k].Net + q);
            }
            else
            {
                netIndex.Add(c, w.Nets.Count);
                w.Nets.Add((c, q));
            }

            string pe = _p.Periods[_p.ContractPeriod[c]];
            if (!periodIndex.TryGetValue(pe, out int pk))
            {
                pk = w.Periods.Count;
                periodIndex.Add(pe, pk);
                w.Periods.Add(pe);
            }

            w.PeriodOf[i] = pk;
            _delta[i] = q * _p.RaDelta[_p.ContractRaStart[c]];
        }

        w.Orig = new double[w.Periods.Count];
        var gross = new double[w.Periods.Count];
        double grossTotal = 0;
        foreach (int i in w.Entries)
        {
            w.Orig[w.PeriodOf[i]] += _delta[i];
            gross[w.PeriodOf[i]] += Math.Abs(_delta[i]);
            grossTotal += Math.Abs(_delta[i]);
        }

        double net = 0;
        for (int k = 0; k < w.Orig.Length; k++)
        {
            w.Orig[k] = DeltaSpreads.Snap(w.Orig[k], gross[k]);
            net += w.Orig[k];
        }

        w.NetDelta = DeltaSpreads.Snap(net, grossTotal);
    }

    /// <summary>Every per-commodity step; the inter credit and the requirement come later (<see cref="Finish"/>).</summary>
    private SpanCombinedCommodityResult CombinedCommodity(SpanCcWork w)
    {
        (ImmutableArray<SpanScanTierResult> tiers, double[] ccLosses, double scanRisk, ImmutableArray<int> binding) = Scan(w);
        (ImmutableArray<SpanIntraSpreadResult> spreads, double intraTotal) = IntraSpreads(w);
        double spotTotal = SpotCharge(w);
        (ImmutableArray<SpanSomTierResult> somTiers, double somTotal) = ShortOptionMinimums(w);
        double novTotal = NetOptionValue(w);
        var deltas = ImmutableArray.CreateBuilder<KeyValuePair<string, double>>(w.Periods.Count);
        for (int k = 0; k < w.Periods.Count; k++)
        {
            deltas.Add(new(w.Periods[k], w.Orig[k]));
        }

        return new SpanCombinedCommodityResult
        {
            Code = w.Def.Code,
            Currency = w.Def.Currency,
            ScenarioLosses = [.. ccLosses],
            ScanRisk = scanRisk,
            BindingScenarios = binding,
            ScanTiers = tiers,
            NetDeltaByPeriod = deltas.MoveToImmutable(),
            IntraSpreads = spreads,
            IntraSpreadCharge = intraTotal,
            SpotCharge = spotTotal,
            SomTiers = somTiers,
            ShortOptionMinimum = somTotal,
            InterCredit = 0,
            WeightedPriceRisk = w.NetDelta == 0 ? 0 : w.PriceRisk / Math.Abs(w.NetDelta),
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

    /// <summary>Scan risk per scan tier, summed; each entry's scan share is its loss in its tier's binding scenario.</summary>
    private (ImmutableArray<SpanScanTierResult> Tiers, double[] Losses, double Scan, ImmutableArray<int> Binding) Scan(SpanCcWork w)
    {
        ImmutableArray<SpanTier> tiers = w.Def.ScanTiers.IsDefaultOrEmpty ? [new SpanTier(0, null, null, [])] : w.Def.ScanTiers;
        var tierLosses = new double[tiers.Length * S];
        var tierOf = new Dictionary<int, int>();
        foreach ((int c, double q) in w.Nets)
        {
            string pe = _p.Periods[_p.ContractPeriod[c]];
            int t = 0;
            while (t < tiers.Length && !tiers[t].Contains(pe))
            {
                t++;
            }

            if (t == tiers.Length)
            {
                SpanRules.InvalidData($"combined commodity '{w.Def.Code}': period {pe} of {_p.GetContract(c)} lies in no scan tier");
            }

            tierOf[c] = t;
            Span<double> acc = tierLosses.AsSpan(t * S, S);
            TensorPrimitives.MultiplyAdd(_p.BaseArray(c), q, acc, acc);
        }

        var ccLosses = new double[S];
        var results = ImmutableArray.CreateBuilder<SpanScanTierResult>(tiers.Length);
        var binding = ImmutableArray.CreateBuilder<int>(tiers.Length);
        double scanRisk = 0, priceRisk = 0;
        int riskiest = 0;
        for (int t = 0; t < tiers.Length; t++)
        {
            ReadOnlySpan<double> losses = tierLosses.AsSpan(t * S, S);
            TensorPrimitives.Add(ccLosses, losses, ccLosses);
            SpanScanTierResult tr = ScanTier(_p, tiers[t].Number, losses);
            binding.Add(tr.BindingScenarios.IsEmpty ? -1 : tr.BindingScenarios[0] - 1);
            scanRisk += tr.ScanRisk;
            priceRisk += tr.PriceRisk;
            results.Add(tr);
            riskiest = tr.ScanRisk > results[riskiest].ScanRisk ? t : riskiest;
        }

        w.PriceRisk = priceRisk;
        w.TierBinding = binding.MoveToImmutable();
        foreach (int i in w.Entries)
        {
            (int c, double q) = (_entries[i].Contract, _entries[i].Quantity);
            int s = w.TierBinding[tierOf[c]];
            _scan[i] = s < 0 ? 0 : q * _p.BaseArray(c)[s];
        }

        ImmutableArray<int> riskiestBinding = results[riskiest].BindingScenarios;
        return (results.MoveToImmutable(), ccLosses, scanRisk, riskiestBinding);
    }

    /// <summary>
    /// Scan risk, binding scenario with its ties (1-based points, the binding one first), time risk and price risk
    /// (<see cref="PriceRiskMethod.PairedPoint"/>) of one tier's 16 losses — the shared <see cref="ScanRisk"/> on the file's scan layout.
    /// </summary>
    internal static SpanScanTierResult ScanTier(SpanRiskParameters p, int tier, ReadOnlySpan<double> losses)
    {
        (double scan, int b) = ScanRisk.Of(losses);
        var binding = ImmutableArray.CreateBuilder<int>();
        if (b >= 0)
        {
            binding.Add(b + 1);
            for (int j = 0; j < losses.Length; j++)
            {
                if (ScanRisk.Ties(losses, b, j))
                {
                    binding.Add(j + 1);
                }
            }
        }

        (double time, double price) = ScanRisk.Decompose(losses, p.ScanLayout, PriceRiskMethod.PairedPoint, b, default);
        return new SpanScanTierResult(tier, [.. losses], scan, binding.ToImmutable(), time, price);
    }

    /// <summary>Spot (delivery-month) charge: per period in a spot month, <c>sprd</c> on the delta consumed by spreads, <c>outr</c> on what remains.</summary>
    private double SpotCharge(SpanCcWork w)
    {
        double total = 0;
        foreach (IGrouping<string, SpanSpotRate> group in w.Def.SpotRates.GroupBy(s => s.Period))
        {
            SpanSpotRate sr = SpanRuleRates.PickSpot([.. group], _rates.Base, w.Def.Code);
            for (int k = 0; k < w.Periods.Count; k++)
            {
                if (!SpanPeriods.Matches(w.Periods[k], sr.Period) || w.Orig[k] == 0)
                {
                    continue;
                }

                double rem = _rem[w.Offset + k];
                double charge = (sr.SpreadRate * (Math.Abs(w.Orig[k]) - Math.Abs(rem))) + (sr.OutrightRate * Math.Abs(rem));
                total += charge;
                foreach (int i in w.Entries)
                {
                    if (w.PeriodOf[i] == k)
                    {
                        _spot[i] += charge * _delta[i] / w.Orig[k];
                    }
                }
            }
        }

        return total;
    }

    /// <summary>Short option minimum per SOM tier (options netted per contract), attributed to the net short options of the charged side.</summary>
    private (ImmutableArray<SpanSomTierResult> Tiers, double Total) ShortOptionMinimums(SpanCcWork w)
    {
        ShortOptionMinimumMethod method = _o.SomMethod ?? w.Def.SomMethod;
        var tiers = ImmutableArray.CreateBuilder<SpanSomTierResult>();
        double total = 0;
        foreach (SpanTier tier in w.Def.SomTiers)
        {
            double calls = 0, puts = 0;
            foreach ((int c, double q) in w.Nets)
            {
                if (q < 0 && _p.ContractRight[c] != 0 && tier.Contains(_p.Periods[_p.ContractPeriod[c]]))
                {
                    calls -= _p.ContractRight[c] == 1 ? q : 0;
                    puts -= _p.ContractRight[c] == 1 ? 0 : q;
                }
            }

            if (calls == 0 && puts == 0)
            {
                continue;
            }

            double rate = SpanRuleRates.Pick(tier.Rates, _rates.Base, $"combined commodity '{w.Def.Code}', SOM tier {tier.Number}");
            double charge = rate * ShortOptionMinimum.Count(calls, puts, method);
            total += charge;
            tiers.Add(new SpanSomTierResult(tier.Number, rate, calls, puts, method, charge));
            if (charge != 0)
            {
                AttributeSom(w, tier, calls, puts, method, charge);
            }
        }

        return (tiers.ToImmutable(), total);
    }

    private void AttributeSom(SpanCcWork w, SpanTier tier, double calls, double puts, ShortOptionMinimumMethod method, double charge)
    {
        (bool callSide, bool putSide) = ShortOptionMinimum.ChargedSides(calls, puts, method);
        double denom = (callSide ? calls : 0) + (putSide ? puts : 0);
        foreach (int i in w.Entries)
        {
            (int c, double q) = (_entries[i].Contract, _entries[i].Quantity);
            byte right = _p.ContractRight[c];
            if (right != 0 && NetOf(w, c) < 0 && ((right == 1 && callSide) || (right == 2 && putSide)) && tier.Contains(_p.Periods[_p.ContractPeriod[c]]))
            {
                _som[i] += charge * -q / denom;
            }
        }
    }

    private static double NetOf(SpanCcWork w, int contract)
    {
        foreach ((int c, double net) in w.Nets)
        {
            if (c == contract)
            {
                return net;
            }
        }

        return 0;
    }

    /// <summary>Net option value <c>Σ q · p · cvf</c> of premium-style options (0 when NOV is off).</summary>
    private double NetOptionValue(SpanCcWork w)
    {
        if (!_o.ApplyNetOptionValue)
        {
            return 0;
        }

        double total = 0;
        foreach (int i in w.Entries)
        {
            (int c, double q) = (_entries[i].Contract, _entries[i].Quantity);
            if (!_p.ProductFamilies[_p.ContractFamily[c]].IsPremiumStyleOption)
            {
                continue;
            }

            double price = _p.ContractPrice[c];
            if (double.IsNaN(price))
            {
                SpanRules.InvalidData($"combined commodity '{w.Def.Code}': option {_p.GetContract(c)} has no price <p>; net option value needs it");
            }

            _nov[i] = q * price * _p.ContractCvf[c];
            total += _nov[i];
        }

        return total;
    }
}
