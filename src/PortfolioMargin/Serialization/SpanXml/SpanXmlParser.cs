using System.Globalization;
using System.Xml;

using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Models;

namespace PortfolioMargin.Serialization;

/// <summary>Streaming reader of SPAN XML 4.00 (one forward pass over an <see cref="XmlReader"/>, no DOM).</summary>
/// <remarks>Element names are atomised in the reader's name table and compared by reference; numbers are parsed from
/// pooled character chunks (<see cref="XmlReader.ReadValueChunk"/>) so the risk-array values allocate nothing.</remarks>
internal sealed class SpanXmlParser
{
    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _li;
    private readonly SpanParametersBuilder _b;
    private readonly Names _n;
    private readonly bool _chunks;
    private string[] _path = new string[32];
    private int _depth;
    private char[] _buf = new char[128];
    private bool _emptyLeaf;
    private int _pointInTimeCount;
    private int _clearingOrgCount;

    private SpanXmlParser(XmlReader reader, Names names, SpanParametersBuilder builder)
    {
        _r = reader;
        _li = reader as IXmlLineInfo;
        _n = names;
        _b = builder;
        _chunks = reader.CanReadValueChunk;
    }

    /// <summary>Parses a SPAN XML stream into parameters.</summary>
    public static SpanRiskParameters Parse(Stream stream, IReadOnlyCollection<string>? filter)
    {
        var nt = new NameTable();
        var names = new Names(nt);
        var settings = new XmlReaderSettings
        {
            NameTable = nt,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            CloseInput = false,
        };
        long expected = stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) / 14 : 0;
        var builder = new SpanParametersBuilder(expected);
        using var reader = XmlReader.Create(stream, settings);
        var parser = new SpanXmlParser(reader, names, builder);
        try
        {
            parser.ReadDocument();
        }
        catch (XmlException e)
        {
            SpanThrow.Format(parser.PathString(), e.LineNumber, e.LinePosition, "malformed XML: " + e.Message, e);
        }

        return builder.Build(filter);
    }

    private int Line => _li?.LineNumber ?? 0;

    private int Pos => _li?.LinePosition ?? 0;

    // ---- navigation -------------------------------------------------------------------------------------------------

    private void Push(string name)
    {
        if (_depth == _path.Length)
        {
            Array.Resize(ref _path, _depth * 2);
        }

        _path[_depth++] = name;
    }

    private string PathString() => string.Join('/', _path, 0, _depth);

    private string PathWith(string child) => _depth == 0 ? child : PathString() + "/" + child;

    /// <summary>On a start element: enters it (true) or steps over an empty one (false).</summary>
    private bool Enter()
    {
        if (_r.IsEmptyElement)
        {
            _r.Read();
            return false;
        }

        Push(_r.LocalName);
        _r.Read();
        return true;
    }

    /// <summary>Moves to the next child element (true) or past the parent's end tag (false).</summary>
    private bool Next()
    {
        while (true)
        {
            switch (_r.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    _r.Read();
                    _depth--;
                    return false;
                case XmlNodeType.None:
                    SpanThrow.Format(PathString(), Line, Pos, "unexpected end of file");
                    return false;
                default:
                    _r.Read();
                    break;
            }
        }
    }

    private void Skip() => _r.Skip();

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Fail(int line, int pos, string path, string problem) => SpanThrow.Format(path, line, pos, problem);

    /// <summary>On a leaf start element: reads its text into the buffer; the caller then calls <see cref="EndLeaf"/>.</summary>
    private ReadOnlySpan<char> BeginLeaf()
    {
        Push(_r.LocalName);
        if (_r.IsEmptyElement)
        {
            _emptyLeaf = true;
            return default;
        }

        _emptyLeaf = false;
        int line = Line, pos = Pos;
        _r.Read();
        int len = 0;
        while (true)
        {
            var nt = _r.NodeType;
            if (nt is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (_chunks)
                {
                    int n;
                    while ((n = _r.ReadValueChunk(_buf, len, _buf.Length - len)) > 0)
                    {
                        len += n;
                        if (len == _buf.Length)
                        {
                            Array.Resize(ref _buf, _buf.Length * 2);
                        }
                    }
                }
                else
                {
                    string v = _r.Value;
                    if (len + v.Length > _buf.Length)
                    {
                        Array.Resize(ref _buf, Math.Max(_buf.Length * 2, len + v.Length));
                    }

                    v.CopyTo(_buf.AsSpan(len));
                    len += v.Length;
                }

                _r.Read();
            }
            else if (nt == XmlNodeType.EndElement)
            {
                return _buf.AsSpan(0, len).Trim();
            }
            else if (nt == XmlNodeType.Element)
            {
                Fail(line, pos, PathString(), $"expected a value, found child element <{_r.LocalName}>");
            }
            else if (nt == XmlNodeType.None)
            {
                Fail(line, pos, PathString(), "unexpected end of file");
            }
            else
            {
                _r.Read();
            }
        }
    }

    private void EndLeaf()
    {
        _r.Read();
        _depth--;
        _emptyLeaf = false;
    }

    private string ReadText()
    {
        var s = BeginLeaf();
        string v = _emptyLeaf ? string.Empty : s.ToString();
        EndLeaf();
        return v;
    }

    private double ReadDouble()
    {
        int line = Line, pos = Pos;
        var s = BeginLeaf();
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            Fail(line, pos, PathString(), $"'{s}' is not a finite number");
        }

        EndLeaf();
        return v;
    }

    private int ReadInt()
    {
        int line = Line, pos = Pos;
        var s = BeginLeaf();
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            Fail(line, pos, PathString(), $"'{s}' is not an integer");
        }

        EndLeaf();
        return v;
    }

    private bool ReadBool()
    {
        int line = Line, pos = Pos;
        var s = BeginLeaf();
        bool v = s switch
        {
            "1" or "true" or "Y" or "y" => true,
            "0" or "false" or "N" or "n" => false,
            _ => FailBool(line, pos, s.ToString()),
        };
        EndLeaf();
        return v;
    }

    private bool FailBool(int line, int pos, string s)
    {
        Fail(line, pos, PathString(), $"'{s}' is not a boolean (expected 0, 1, true or false)");
        return false;
    }

    private void Note(string what) =>
        _b.Diagnostics.Add(string.Create(CultureInfo.InvariantCulture, $"{PathWith(_r.LocalName)} (line {Line}): {what}"));

    // ---- document ---------------------------------------------------------------------------------------------------

    private void ReadDocument()
    {
        _r.MoveToContent();
        if (_r.NodeType != XmlNodeType.Element || !ReferenceEquals(_r.LocalName, _n.SpanFile))
        {
            Fail(Line, Pos, _r.LocalName, $"the root element is <{_r.LocalName}>, expected <spanFile>");
        }

        if (!Enter())
        {
            Fail(Line, Pos, "spanFile", "empty <spanFile>");
        }

        while (Next())
        {
            string n = _r.LocalName;
            if (ReferenceEquals(n, _n.FileFormat))
            {
                int line = Line, pos = Pos;
                string path = PathWith(n);
                string v = ReadText();
                if (!v.StartsWith("4.", StringComparison.Ordinal) && v != "4")
                {
                    Fail(line, pos, path, $"file format '{v}' is not supported; expected 4.xx (SPAN XML 4)");
                }

                _b.Data.FileFormat = v;
            }
            else if (ReferenceEquals(n, _n.Created))
            {
                _b.Data.Created = ReadText();
            }
            else if (ReferenceEquals(n, _n.Definitions))
            {
                ReadDefinitions();
            }
            else if (ReferenceEquals(n, _n.PointInTime))
            {
                if (++_pointInTimeCount > 1)
                {
                    Fail(Line, Pos, PathWith(n), "more than one <pointInTime>; one file must hold one point in time");
                }

                ReadPointInTime();
            }
            else
            {
                Skip();
            }
        }

        if (_pointInTimeCount == 0)
        {
            Fail(Line, Pos, "spanFile", "no <pointInTime> element");
        }
    }

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

    /// <summary>The element names, atomised once in the reader's name table.</summary>
    private sealed class Names(XmlNameTable t)
    {
        public readonly string SpanFile = t.Add("spanFile"), FileFormat = t.Add("fileFormat"), Created = t.Add("created"), Definitions = t.Add("definitions");
        public readonly string CurrencyDef = t.Add("currencyDef"), Currency = t.Add("currency"), Symbol = t.Add("symbol"), Name = t.Add("name"), DecimalPos = t.Add("decimalPos");
        public readonly string PointInTime = t.Add("pointInTime"), Date = t.Add("date"), IsSetl = t.Add("isSetl"), ClearingOrg = t.Add("clearingOrg"), BusinessFunction = t.Add("businessFunction");
        public readonly string Ec = t.Add("ec"), PbRateDef = t.Add("pbRateDef"), IsCust = t.Add("isCust"), AcctType = t.Add("acctType"), IsM = t.Add("isM"), Pbc = t.Add("pbc");
        public readonly string PointDef = t.Add("pointDef"), ScanPointDef = t.Add("scanPointDef"), DeltaPointDef = t.Add("deltaPointDef"), Point = t.Add("point");
        public readonly string PriceScanDef = t.Add("priceScanDef"), VolScanDef = t.Add("volScanDef"), Mult = t.Add("mult"), Numerator = t.Add("numerator"), Denominator = t.Add("denominator");
        public readonly string Weight = t.Add("weight"), PairedPoint = t.Add("pairedPoint");
        public readonly string Exchange = t.Add("exchange"), Exch = t.Add("exch"), PhyPf = t.Add("phyPf"), FutPf = t.Add("futPf"), OofPf = t.Add("oofPf"), OopPf = t.Add("oopPf");
        public readonly string PfId = t.Add("pfId"), PfCode = t.Add("pfCode"), PfType = t.Add("pfType"), Cvf = t.Add("cvf"), ValueMeth = t.Add("valueMeth");
        public readonly string Phy = t.Add("phy"), Fut = t.Add("fut"), Series = t.Add("series"), Opt = t.Add("opt");
        public readonly string CId = t.Add("cId"), Pe = t.Add("pe"), P = t.Add("p"), D = t.Add("d"), V = t.Add("v"), O = t.Add("o"), K = t.Add("k"), Ra = t.Add("ra"), R = t.Add("r"), A = t.Add("a");
        public readonly string CcDef = t.Add("ccDef"), Cc = t.Add("cc"), SomMeth = t.Add("somMeth"), PfLink = t.Add("pfLink"), AdjRate = t.Add("adjRate"), BaseR = t.Add("baseR"), Val = t.Add("val");
        public readonly string ScanTiers = t.Add("scanTiers"), IntraTiers = t.Add("intraTiers"), InterTiers = t.Add("interTiers"), SomTiers = t.Add("somTiers");
        public readonly string Tier = t.Add("tier"), Tn = t.Add("tn"), SPe = t.Add("sPe"), EPe = t.Add("ePe"), Rate = t.Add("rate");
        public readonly string DSpread = t.Add("dSpread"), Spread = t.Add("spread"), ChargeMeth = t.Add("chargeMeth"), PLeg = t.Add("pLeg"), TLeg = t.Add("tLeg"), Rs = t.Add("rs"), I = t.Add("i");
        public readonly string RpLeg = t.Add("rpLeg"), PmpsRate = t.Add("pmpsRate"), VolRate = t.Add("volRate"), SpreadType = t.Add("spreadType");
        public readonly string SpotRate = t.Add("spotRate"), Sprd = t.Add("sprd"), Outr = t.Add("outr");
        public readonly string InterSpreads = t.Add("interSpreads"), SuperSpreads = t.Add("superSpreads"), InterClearSpreads = t.Add("interClearSpreads"), SuperInterClearSpreads = t.Add("superInterClearSpreads");
        public readonly string ConcAdjRate = t.Add("concAdjRate"), LiqRate = t.Add("liqRate"), BasisRates = t.Add("basisRates");
    }
}
