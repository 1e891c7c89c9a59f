using System.Globalization;
using System.Xml;

using PortfolioMargin.Models.SpanFiles;
using PortfolioMargin.Models;

namespace PortfolioMargin.Serialization;

/// <summary>Streaming reader of SPAN XML 4.00 (one forward pass over an <see cref="XmlReader"/>, no DOM).</summary>
/// <remarks>Element names are atomised in the reader's name table and compared by reference; numbers are parsed from
/// pooled character chunks (<see cref="XmlReader.ReadValueChunk"/>) so the risk-array values allocate nothing.</remarks>
internal sealed partial class SpanXmlParser
{
    private readonly XmlReader _r;
    private readonly IXmlLineInfo? _li;
    private readonly SpanParametersBuilder _b;
    private readonly SpanXmlNames _n;
    private readonly bool _chunks;
    private string[] _path = new string[32];
    private int _depth;
    private char[] _buf = new char[128];
    private bool _emptyLeaf;
    private int _pointInTimeCount;
    private int _clearingOrgCount;

    private SpanXmlParser(XmlReader reader, SpanXmlNames names, SpanParametersBuilder builder)
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
        var names = new SpanXmlNames(nt);
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

}
