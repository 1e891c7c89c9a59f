using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PortfolioMargin.Serialization;

/// <summary>
/// The JSON path of the token a reader is on, kept as a stack of frames (object: current property; array: element
/// count), so that a path string is only built when an error needs one.
/// </summary>
internal sealed class JsonPathStack
{
    private readonly List<Frame> _frames = [];

    public int Depth => _frames.Count;

    public bool IsArray => _frames[^1].IsArray;

    public string? Property => _frames.Count == 0 ? null : _frames[^1].Property;

    public int Limit => _frames[^1].Limit;

    public string LimitName => _frames[^1].LimitName;

    public void Push(bool isArray, int limit = int.MaxValue, string limitName = "") => _frames.Add(new Frame(isArray, limit, limitName));

    public void Pop() => _frames.RemoveAt(_frames.Count - 1);

    public void SetProperty(string name) => _frames[^1].Property = name;

    /// <summary>Counts one more element in the current array; false when that exceeds its limit.</summary>
    public bool CountElement() => ++_frames[^1].Count <= _frames[^1].Limit;

    /// <summary>The path of the current token, e.g. <c>$.positions[3].quantity</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (Frame f in _frames)
        {
            if (f.IsArray)
            {
                if (f.Count > 0)
                {
                    sb.Append('[').Append((f.Count - 1).ToString(CultureInfo.InvariantCulture)).Append(']');
                }
            }
            else if (f.Property is not null)
            {
                AppendProperty(sb, f.Property);
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends <c>.name</c>, or <c>['name']</c> when the name is not a plain identifier (the form <see cref="JsonException.Path"/> uses).</summary>
    public static void AppendProperty(StringBuilder sb, string name)
    {
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            sb.Append('.').Append(name);
        }
        else
        {
            sb.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private sealed class Frame(bool isArray, int limit, string limitName)
    {
        public bool IsArray { get; } = isArray;

        public int Limit { get; } = limit;

        public string LimitName { get; } = limitName;

        public string? Property { get; set; }

        public int Count { get; set; }
    }
}
