using System.Globalization;
using System.Xml;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>Combined commodities and their rules (pfLinks, adjRates, tiers, rates, spot rates, delta spreads) and the inter-commodity spreads.</summary>
internal sealed partial class SpanXmlParser
{
    private void ReadCcDef()
    {
        var cc = new CcDraft { Line = Line, Path = PathWith(_r.LocalName) };
        int pos = Pos;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Cc)) { cc.Code = ReadText(); }
                else if (ReferenceEquals(n, _n.Name)) { cc.Name = ReadText(); }
                else if (ReferenceEquals(n, _n.Currency)) { cc.Currency = ReadText(); }
                else if (ReferenceEquals(n, _n.SomMeth)) { cc.SomMethLine = Line; cc.SomMeth = ReadText(); }
                else if (ReferenceEquals(n, _n.PfLink)) { cc.Links.Add(ReadPfLink()); }
                else if (ReferenceEquals(n, _n.AdjRate)) { cc.AdjRates.Add(ReadAdjRate()); }
                else if (ReferenceEquals(n, _n.ScanTiers)) { ReadTiers(cc.ScanTiers); }
                else if (ReferenceEquals(n, _n.IntraTiers)) { ReadTiers(cc.IntraTiers); }
                else if (ReferenceEquals(n, _n.InterTiers)) { ReadTiers(cc.InterTiers); }
                else if (ReferenceEquals(n, _n.SomTiers)) { ReadTiers(cc.SomTiers); }
                else if (ReferenceEquals(n, _n.DSpread)) { cc.Spreads.Add(ReadDSpread()); }
                else if (ReferenceEquals(n, _n.SpotRate)) { cc.SpotRates.Add(ReadSpotRate()); }
                else if (ReferenceEquals(n, _n.ConcAdjRate) || ReferenceEquals(n, _n.LiqRate) || ReferenceEquals(n, _n.BasisRates))
                {
                    Note("concentration, liquidity and basis rates are not applied");
                    Skip();
                }
                else { Skip(); }
            }
        }

        if (string.IsNullOrEmpty(cc.Code))
        {
            Fail(cc.Line, pos, cc.Path, "ccDef without <cc>");
        }

        if (string.IsNullOrEmpty(cc.Currency))
        {
            Fail(cc.Line, pos, cc.Path, $"ccDef '{cc.Code}' without <currency>");
        }

        _b.CombinedCommodities.Add(cc);
    }

    private PfLinkDraft ReadPfLink()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        string? exch = null, code = null, type = null;
        int id = int.MinValue;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Exch)) { exch = ReadText(); }
                else if (ReferenceEquals(n, _n.PfId)) { id = ReadInt(); }
                else if (ReferenceEquals(n, _n.PfCode)) { code = ReadText(); }
                else if (ReferenceEquals(n, _n.PfType)) { type = ReadText(); }
                else { Skip(); }
            }
        }

        if (exch is null || id == int.MinValue)
        {
            Fail(line, pos, path, "pfLink needs <exch> and <pfId>");
        }

        return new PfLinkDraft(new SpanPfLink(exch, id, code, type), path, line, pos);
    }

    private SpanAdjRate ReadAdjRate()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int r = int.MinValue, baseR = int.MinValue;
        double val = double.NaN;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.R)) { r = ReadInt(); }
                else if (ReferenceEquals(n, _n.BaseR)) { baseR = ReadInt(); }
                else if (ReferenceEquals(n, _n.Val)) { val = ReadDouble(); }
                else { Skip(); }
            }
        }

        if (r == int.MinValue || baseR == int.MinValue || double.IsNaN(val))
        {
            Fail(line, pos, path, "adjRate needs <r>, <baseR> and <val>");
        }

        if (val < 0)
        {
            Fail(line, pos, path, $"adjRate value {val.ToString(CultureInfo.InvariantCulture)} is negative");
        }

        return new SpanAdjRate(r, baseR, val);
    }

    private void ReadTiers(List<SpanTier> into)
    {
        if (!Enter())
        {
            return;
        }

        while (Next())
        {
            if (!ReferenceEquals(_r.LocalName, _n.Tier))
            {
                Skip();
                continue;
            }

            int line = Line, pos = Pos;
            string path = PathWith(_r.LocalName);
            int tn = int.MinValue;
            string? s = null, e = null;
            var rates = new List<SpanRate>();
            if (Enter())
            {
                while (Next())
                {
                    string n = _r.LocalName;
                    if (ReferenceEquals(n, _n.Tn)) { tn = ReadInt(); }
                    else if (ReferenceEquals(n, _n.SPe)) { s = NullIfEmpty(ReadText()); }
                    else if (ReferenceEquals(n, _n.EPe)) { e = NullIfEmpty(ReadText()); }
                    else if (ReferenceEquals(n, _n.Rate)) { rates.Add(ReadRate()); }
                    else { Skip(); }
                }
            }

            if (tn == int.MinValue)
            {
                Fail(line, pos, path, "tier without <tn>");
            }

            if (into.Exists(t => t.Number == tn))
            {
                Fail(line, pos, path, $"tier {tn} is defined twice");
            }

            into.Add(new SpanTier(tn, s, e, [.. rates]));
        }
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private SpanRate ReadRate()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int r = 1;
        double val = double.NaN;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.R)) { r = ReadInt(); }
                else if (ReferenceEquals(n, _n.Val)) { val = ReadDouble(); }
                else { Skip(); }
            }
        }

        if (double.IsNaN(val))
        {
            Fail(line, pos, path, "rate without <val>");
        }

        return new SpanRate(r, val);
    }

    private SpanSpotRate ReadSpotRate()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int r = 1;
        string? pe = null;
        double sprd = double.NaN, outr = double.NaN;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.R)) { r = ReadInt(); }
                else if (ReferenceEquals(n, _n.Pe)) { pe = ReadText(); }
                else if (ReferenceEquals(n, _n.Sprd)) { sprd = ReadDouble(); }
                else if (ReferenceEquals(n, _n.Outr)) { outr = ReadDouble(); }
                else { Skip(); }
            }
        }

        if (string.IsNullOrEmpty(pe) || double.IsNaN(sprd) || double.IsNaN(outr))
        {
            Fail(line, pos, path, "spotRate needs <pe>, <sprd> and <outr>");
        }

        return new SpanSpotRate(r, pe, sprd, outr);
    }

    private SpanDeltaSpread ReadDSpread()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int priority = int.MinValue;
        string? meth = null, unsupported = null;
        var rates = new List<SpanRate>();
        var legs = new List<SpanSpreadLeg>();
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Spread)) { priority = ReadInt(); }
                else if (ReferenceEquals(n, _n.ChargeMeth)) { meth = ReadText(); }
                else if (ReferenceEquals(n, _n.Rate)) { rates.Add(ReadRate()); }
                else if (ReferenceEquals(n, _n.PLeg)) { legs.Add(ReadLeg(SpanLegKind.Period, ref unsupported)); }
                else if (ReferenceEquals(n, _n.TLeg)) { legs.Add(ReadLeg(SpanLegKind.Tier, ref unsupported)); }
                else if (ReferenceEquals(n, _n.SpreadType))
                {
                    string t = ReadText();
                    if (!t.Equals("DEFAULT", StringComparison.OrdinalIgnoreCase))
                    {
                        unsupported ??= $"spreadType {t}";
                    }
                }
                else if (ReferenceEquals(n, _n.RpLeg) || ReferenceEquals(n, _n.PmpsRate) || ReferenceEquals(n, _n.VolRate) || ReferenceEquals(n, _n.DSpread))
                {
                    unsupported ??= $"<{n}>";
                    Skip();
                }
                else { Skip(); }
            }
        }

        if (priority == int.MinValue || meth is null)
        {
            Fail(line, pos, path, "dSpread needs <spread> and <chargeMeth>");
        }

        if (legs.Count < 2 && unsupported is null)
        {
            Fail(line, pos, path, $"spread {priority} has {legs.Count} leg(s); a spread needs at least two");
        }

        return new SpanDeltaSpread(priority, meth, [.. rates], [.. legs], unsupported, line);
    }

    private SpanSpreadLeg ReadLeg(SpanLegKind kind, ref string? unsupported)
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        string? cc = null, pe = null, rs = null;
        int tn = int.MinValue;
        double i = double.NaN;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Cc)) { cc = ReadText(); }
                else if (ReferenceEquals(n, _n.Pe)) { pe = ReadText(); }
                else if (ReferenceEquals(n, _n.Tn)) { tn = ReadInt(); }
                else if (ReferenceEquals(n, _n.Rs)) { rs = ReadText(); }
                else if (ReferenceEquals(n, _n.I)) { i = ReadDouble(); }
                else if (ReferenceEquals(n, _n.Rate)) { unsupported ??= "leg-specific <rate>"; Skip(); }
                else { Skip(); }
            }
        }

        if (cc is null || rs is null || double.IsNaN(i) || (kind == SpanLegKind.Period ? pe is null : tn == int.MinValue))
        {
            Fail(line, pos, path, kind == SpanLegKind.Period ? "pLeg needs <cc>, <pe>, <rs> and <i>" : "tLeg needs <cc>, <tn>, <rs> and <i>");
        }

        SpreadSide? side = rs switch
        {
            "A" or "a" => SpreadSide.A,
            "B" or "b" => SpreadSide.B,
            _ => null,
        };
        if (side is null)
        {
            Fail(line, pos, path + "/rs", $"leg side '{rs}' is neither A nor B");
        }

        if (!(i > 0))
        {
            Fail(line, pos, path + "/i", $"delta per spread {i.ToString(CultureInfo.InvariantCulture)} must be positive");
        }

        return new SpanSpreadLeg(kind, cc, pe, kind == SpanLegKind.Tier ? tn : 0, side.Value, i);
    }

    private void ReadInterSpreads()
    {
        if (!Enter())
        {
            return;
        }

        while (Next())
        {
            if (ReferenceEquals(_r.LocalName, _n.DSpread))
            {
                _b.InterSpreads.Add(ReadDSpread());
            }
            else
            {
                Note("scanning-based inter spreads (sSpread) are not applied");
                Skip();
            }
        }
    }
}
