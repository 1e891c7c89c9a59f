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
    private Frame[] _frames = new Frame[8];
    private int _depth;

    public int Depth => _depth;

    public bool IsArray => _frames[_depth - 1].IsArray;

    public string? Property => _depth == 0 ? null : _frames[_depth - 1].Property;

    public int Limit => _frames[_depth - 1].Limit;

    public string LimitName => _frames[_depth - 1].LimitName;

    public void Push(bool isArray, int limit = int.MaxValue, string limitName = "")
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        _frames[_depth++] = new Frame { IsArray = isArray, Limit = limit, LimitName = limitName };
    }

    public void Pop() => _frames[--_depth] = default;

    public void SetProperty(string name) => _frames[_depth - 1].Property = name;

    /// <summary>Counts one more element in the current array; false when that exceeds its limit.</summary>
    public bool CountElement()
    {
        ref Frame top = ref _frames[_depth - 1];
        return ++top.Count <= top.Limit;
    }

    /// <summary>The path of the current token, e.g. <c>$.positions[3].quantity</c>.</summary>
    public override string ToString() => ToString(_depth);

    /// <summary>The path through the first <paramref name="frames"/> frames (the enclosing value's path when one less than <see cref="Depth"/>).</summary>
    public string ToString(int frames)
    {
        var sb = new StringBuilder("$");
        for (int i = 0; i < frames; i++)
        {
            Frame f = _frames[i];
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
        if (IsPlain(name))
        {
            sb.Append('.').Append(name);
        }
        else
        {
            sb.Append("['").Append(name.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private static bool IsPlain(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The segments of a path in the form <see cref="ToString()"/> writes (and <see cref="JsonException.Path"/> uses):
    /// a property name, or an array index (name null); null when the text is not such a path.
    /// </summary>
    public static List<(string? Name, int Index)>? Parse(string path)
    {
        if (!path.StartsWith('$'))
        {
            return null;
        }

        var segments = new List<(string?, int)>();
        int i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                int end = path.IndexOfAny(['.', '['], i + 1);
                end = end < 0 ? path.Length : end;
                segments.Add((path[(i + 1)..end], -1));
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var name = new StringBuilder();
                int j = i + 2;
                for (; j < path.Length && !(path[j] == '\'' && j + 1 < path.Length && path[j + 1] == ']'); j++)
                {
                    if (path[j] == '\\' && j + 1 < path.Length && path[j + 1] == '\'')
                    {
                        j++;
                    }

                    name.Append(path[j]);
                }

                if (j >= path.Length)
                {
                    return null;
                }

                segments.Add((name.ToString(), -1));
                i = j + 2;
            }
            else if (path[i] == '[')
            {
                int end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int index))
                {
                    return null;
                }

                segments.Add((null, index));
                i = end + 1;
            }
            else
            {
                return null;
            }
        }

        return segments;
    }

    private struct Frame
    {
        public bool IsArray;
        public int Limit;
        public string LimitName;
        public string? Property;
        public int Count;
    }
}
