using System.Globalization;
using System.Xml;
using PortfolioMargin.Models;
using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>Exchanges, product families, series, contracts and their risk arrays.</summary>
internal sealed partial class SpanXmlParser
{
    private void ReadExchange()
    {
        if (!Enter())
        {
            return;
        }

        string exch = string.Empty;
        while (Next())
        {
            string n = _r.LocalName;
            if (ReferenceEquals(n, _n.Exch)) { exch = ReadText(); }
            else if (ReferenceEquals(n, _n.PhyPf)) { ReadFamily(exch, SpanProductKind.Physical); }
            else if (ReferenceEquals(n, _n.FutPf)) { ReadFamily(exch, SpanProductKind.Future); }
            else if (ReferenceEquals(n, _n.OofPf)) { ReadFamily(exch, SpanProductKind.OptionOnFuture); }
            else if (ReferenceEquals(n, _n.OopPf)) { ReadFamily(exch, SpanProductKind.OptionOnPhysical); }
            else if (ReferenceEquals(n, _n.Name)) { Skip(); }
            else if (n.EndsWith("Pf", StringComparison.Ordinal))
            {
                Note($"product family kind <{n}> is not supported; its contracts are not loaded (positions on them are reported as unmatched)");
                Skip();
            }
            else { Skip(); }
        }
    }

    private void ReadFamily(string exch, SpanProductKind kind)
    {
        var fam = new FamilyDraft { Exchange = exch, Kind = kind, Line = Line, Path = PathWith(_r.LocalName), ContractStart = _b.Family.Count };
        int pos = Pos;
        int index = _b.Families.Count;
        _b.Families.Add(fam);
        bool option = kind is SpanProductKind.OptionOnFuture or SpanProductKind.OptionOnPhysical;
        string contractName = kind == SpanProductKind.Physical ? _n.Phy : _n.Fut;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.PfId)) { fam.Id = ReadInt(); }
                else if (ReferenceEquals(n, _n.PfCode)) { fam.Code = ReadText(); }
                else if (ReferenceEquals(n, _n.Name)) { fam.Name = ReadText(); }
                else if (ReferenceEquals(n, _n.Currency)) { fam.Currency = ReadText(); }
                else if (ReferenceEquals(n, _n.Cvf)) { fam.Cvf = ReadDouble(); }
                else if (ReferenceEquals(n, _n.ValueMeth)) { fam.ValueMeth = ReadText(); }
                else if (!option && ReferenceEquals(n, contractName)) { ReadContract(index, kind, -1, double.NaN); }
                else if (option && ReferenceEquals(n, _n.Series)) { ReadSeries(index, kind); }
                else { Skip(); }
            }
        }

        fam.ContractEnd = _b.Family.Count;
        if (fam.Id == int.MinValue || string.IsNullOrEmpty(fam.Code))
        {
            Fail(fam.Line, pos, fam.Path, "product family without <pfId> or <pfCode>");
        }

        if (string.IsNullOrEmpty(fam.Currency))
        {
            Fail(fam.Line, pos, fam.Path, $"product family {fam.Code} without <currency>");
        }
    }

    private void ReadSeries(int family, SpanProductKind kind)
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int period = -1;
        double cvf = double.NaN;
        if (!Enter())
        {
            return;
        }

        while (Next())
        {
            string n = _r.LocalName;
            if (ReferenceEquals(n, _n.Pe)) { period = _b.InternPeriod(ReadText()); }
            else if (ReferenceEquals(n, _n.Cvf)) { cvf = ReadDouble(); }
            else if (ReferenceEquals(n, _n.Opt))
            {
                if (period < 0)
                {
                    Fail(line, pos, path, "series without <pe> before its options");
                }

                ReadContract(family, kind, period, cvf);
            }
            else { Skip(); }
        }

        if (period < 0)
        {
            Fail(line, pos, path, "series without <pe>");
        }
    }

    private void ReadContract(int family, SpanProductKind kind, int seriesPeriod, double seriesCvf)
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int cid = int.MinValue, period = seriesPeriod;
        double strike = 0, price = double.NaN, delta = double.NaN, cvf = double.NaN, vol = double.NaN;
        byte right = 0;
        bool haveStrike = false;
        int raStart = _b.RaRate.Count, raCount = 0;
        bool option = seriesPeriod >= 0;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.Ra))
                {
                    if (++raCount > byte.MaxValue)
                    {
                        Fail(Line, Pos, PathWith(n), "more than 255 risk arrays for one contract");
                    }

                    ReadRa();
                }
                else if (ReferenceEquals(n, _n.CId)) { cid = ReadInt(); }
                else if (ReferenceEquals(n, _n.P)) { price = ReadDouble(); }
                else if (ReferenceEquals(n, _n.D)) { delta = ReadDouble(); }
                else if (ReferenceEquals(n, _n.Cvf)) { cvf = ReadDouble(); }
                else if (ReferenceEquals(n, _n.V)) { vol = ReadDouble(); }
                else if (!option && ReferenceEquals(n, _n.Pe)) { period = _b.InternPeriod(ReadText()); }
                else if (option && ReferenceEquals(n, _n.K)) { strike = ReadDouble(); haveStrike = true; }
                else if (option && ReferenceEquals(n, _n.O))
                {
                    int l = Line, p = Pos;
                    string o = ReadText();
                    right = o switch
                    {
                        "C" or "c" => 1,
                        "P" or "p" => 2,
                        _ => 0,
                    };
                    if (right == 0)
                    {
                        Fail(l, p, path + "/o", $"option right '{o}' is neither C nor P");
                    }
                }
                else { Skip(); }
            }
        }

        if (cid == int.MinValue)
        {
            Fail(line, pos, path, "contract without <cId>");
        }

        if (option && (right == 0 || !haveStrike))
        {
            Fail(line, pos, path, $"option cId {cid} needs <o> and <k>");
        }

        if (period < 0)
        {
            if (kind == SpanProductKind.Future)
            {
                Fail(line, pos, path, $"future cId {cid} without <pe>");
            }

            period = _b.InternPeriod(string.Empty);
        }

        _b.Family.Add(family);
        _b.Cid.Add(cid);
        _b.Period.Add(period);
        _b.Line.Add(line);
        _b.Strike.Add(strike);
        _b.Right.Add(right);
        _b.Price.Add(price);
        _b.Delta.Add(delta);
        _b.Vol.Add(vol);
        _b.Cvf.Add(double.IsNaN(cvf) ? seriesCvf : cvf);
        _b.RaStart.Add(raStart);
        _b.RaCount.Add((byte)raCount);
    }

    private void ReadRa()
    {
        int line = Line, pos = Pos;
        string path = PathWith(_r.LocalName);
        int r = 1;
        double d = double.NaN;
        int count = 0;
        var values = _b.RaValues;
        if (Enter())
        {
            while (Next())
            {
                string n = _r.LocalName;
                if (ReferenceEquals(n, _n.A))
                {
                    double v = ReadDouble();
                    if (++count <= SpanRiskParameters.ScenarioCount)
                    {
                        values.Add(v);
                    }
                }
                else if (ReferenceEquals(n, _n.R)) { r = ReadInt(); }
                else if (ReferenceEquals(n, _n.D)) { d = ReadDouble(); }
                else { Skip(); }
            }
        }

        if (count != SpanRiskParameters.ScenarioCount)
        {
            Fail(line, pos, path, $"risk array has {count} values, expected {SpanRiskParameters.ScenarioCount}");
        }

        if (double.IsNaN(d))
        {
            Fail(line, pos, path, "risk array without composite delta <d>");
        }

        _b.RaRate.Add(r);
        _b.RaDelta.Add(d);
    }

    // ---- combined commodities ---------------------------------------------------------------------------------------
}
