using System.Collections.Immutable;
using System.Globalization;

using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>A growable array that trims to its exact length at the end (so the retained model holds no slack).</summary>
internal sealed class GrowArray<T>
{
    private T[] _items;

    public GrowArray(int capacity) => _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public T this[int i]
    {
        get => _items[i];
        set => _items[i] = value;
    }

    public void Add(T value)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, checked(_items.Length * 2));
        }

        _items[Count++] = value;
    }

    public void Truncate(int count) => Count = count;

    public T[] Raw => _items;

    public T[] Pick(List<(int Start, int End)> ranges, int total)
    {
        var result = new T[total];
        int o = 0;
        foreach (var (s, e) in ranges)
        {
            Array.Copy(_items, s, result, o, e - s);
            o += e - s;
        }

        return result;
    }
}
