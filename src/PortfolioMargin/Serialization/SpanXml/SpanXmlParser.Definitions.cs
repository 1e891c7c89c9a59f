using System.Globalization;
using System.Xml;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>The file header: currency definitions, the point in time, the clearing organisation, rate and scan-point definitions.</summary>
internal sealed partial class SpanXmlParser
{
    private void ReadDefinitions()
    {
        if (!Enter())
        {
            return;
        }

        while (Next())
        {
            if (ReferenceEquals(_r.LocalName, _n.CurrencyDef))
            {
                string? code = null, symbol = null, name = null;
                int dec = 0;
                int line = Line, pos = Pos;
                string path = PathWith(_r.LocalName);
                if (Enter())
                {
                    while (Next())
                    {
                        string n = _r.LocalName;
                        if (ReferenceEquals(n, _n.Currency)) { code = ReadText(); }
                        else if (ReferenceEquals(n, _n.Symbol)) { symbol = ReadText(); }
                        else if (ReferenceEquals(n, _n.Name)) { name = ReadText(); }
                        else if (ReferenceEquals(n, _n.DecimalPos)) { dec = ReadInt(); }
                        else { Skip(); }
                    }
                }

                if (string.IsNullOrEmpty(code))
                {
                    Fail(line, pos, path, "currencyDef without <currency>");
                }

                _b.Currencies.Add(new SpanCurrency(code, symbol, name, dec));
            }
            else
            {
                Skip();
            }
        }
    }

    private void ReadPointInTime()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        if (!Enter())
        {
            Fail(line, pos, path, "empty <pointInTime>");
        }

        while (Next())
        {
            string n = _r.LocalName;
            if (ReferenceEquals(n, _n.Date)) { _b.Data.BusinessDate = ReadText(); }
            else if (ReferenceEquals(n, _n.IsSetl)) { _b.Data.IsSettlement = ReadBool(); }
            else if (ReferenceEquals(n, _n.ClearingOrg))
            {
                if (++_clearingOrgCount > 1)
                {
                    Fail(Line, Pos, PathWith(n), "more than one <clearingOrg>; read one clearing organisation per file");
                }

                ReadClearingOrg();
            }
            else if (ReferenceEquals(n, _n.BusinessFunction)) { Note("business functions (cross-margining, mutual offset) are not applied"); Skip(); }
            else { Skip(); }
        }

        if (_b.Data.BusinessDate.Length == 0)
        {
            Fail(line, pos, path, "no <date> in <pointInTime>");
        }

        if (_clearingOrgCount == 0)
        {
            Fail(line, pos, path, "no <clearingOrg> in <pointInTime>");
        }
    }

    private void ReadClearingOrg()
    {
        if (!Enter())
        {
            return;
        }

        bool havePoints = false;
        while (Next())
        {
            string n = _r.LocalName;
            if (ReferenceEquals(n, _n.Ec)) { _b.Data.ClearingOrganization = ReadText(); }
            else if (ReferenceEquals(n, _n.PbRateDef)) { ReadPbRateDef(); }
            else if (ReferenceEquals(n, _n.PointDef))
            {
                if (havePoints)
                {
                    Note("further pointDef kept out: the scenario definitions come from the first pointDef");
                    Skip();
                }
                else
                {
                    ReadPointDef();
                    havePoints = true;
                }
            }
            else if (ReferenceEquals(n, _n.Exchange)) { ReadExchange(); }
            else if (ReferenceEquals(n, _n.CcDef)) { ReadCcDef(); }
            else if (ReferenceEquals(n, _n.InterSpreads)) { ReadInterSpreads(); }
            else if (ReferenceEquals(n, _n.SuperSpreads) || ReferenceEquals(n, _n.InterClearSpreads) || ReferenceEquals(n, _n.SuperInterClearSpreads))
            {
                Note("super and inter-clearing spreads are not applied");
                Skip();
            }
            else { Skip(); }
        }
    }

    private void ReadPbRateDef()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int r = int.MinValue;
        bool isCust = false, isM = false;
        string? acct = null, pbc = null;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.R)) { r = ReadInt(); }
                else if (ReferenceEquals(n, _n.IsCust)) { isCust = ReadBool(); }
                else if (ReferenceEquals(n, _n.AcctType)) { acct = ReadText(); }
                else if (ReferenceEquals(n, _n.IsM)) { isM = ReadBool(); }
                else if (ReferenceEquals(n, _n.Pbc)) { pbc = ReadText(); }
                else { Skip(); }
            }
        }

        if (r == int.MinValue || acct is null)
        {
            Fail(line, pos, path, "pbRateDef needs <r> and <acctType>");
        }

        _b.PbRates.Add(new SpanPerformanceBondRate(r, isCust, acct, isM, pbc));
    }

    private void ReadPointDef()
    {
        var scan = new List<SpanScenarioPoint>();
        var delta = new List<SpanScenarioPoint>();
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.ScanPointDef)) { scan.Add(ReadPoint()); }
                else if (ReferenceEquals(n, _n.DeltaPointDef)) { delta.Add(ReadPoint()); }
                else { Skip(); }
            }
        }

        scan.Sort((a, b) => a.Point.CompareTo(b.Point));
        for (int i = 0; i < scan.Count; i++)
        {
            if (scan.Count != SpanRiskParameters.ScenarioCount || scan[i].Point != i + 1)
            {
                Fail(line, pos, path, $"pointDef has {scan.Count} scanPointDef with points {string.Join(",", scan.Select(p => p.Point))}; expected points 1…16");
            }
        }

        _b.Data.ScenarioPoints = [.. scan];
        _b.Data.DeltaPoints = [.. delta];
    }

    private SpanScenarioPoint ReadPoint()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int point = int.MinValue, paired = 0;
        double price = 0, vol = 0, weight = 1;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Point)) { point = ReadInt(); }
                else if (ReferenceEquals(n, _n.PriceScanDef)) { price = ReadScanDef(); }
                else if (ReferenceEquals(n, _n.VolScanDef)) { vol = ReadScanDef(); }
                else if (ReferenceEquals(n, _n.Weight)) { weight = ReadDouble(); }
                else if (ReferenceEquals(n, _n.PairedPoint)) { paired = ReadInt(); }
                else { Skip(); }
            }
        }

        if (point == int.MinValue)
        {
            Fail(line, pos, path, "scenario point without <point>");
        }

        return new SpanScenarioPoint(point, price, vol, weight, paired);
    }

    private double ReadScanDef()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        double mult = 1, num = 1, den = 1;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Mult)) { mult = ReadDouble(); }
                else if (ReferenceEquals(n, _n.Numerator)) { num = ReadDouble(); }
                else if (ReferenceEquals(n, _n.Denominator)) { den = ReadDouble(); }
                else { Skip(); }
            }
        }

        if (den == 0)
        {
            Fail(line, pos, path, "denominator is 0");
        }

        return mult * num / den;
    }

    // ---- product families and contracts ---------------------------------------------------------------------------
}
