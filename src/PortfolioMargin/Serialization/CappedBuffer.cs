using System.Buffers;

namespace PortfolioMargin.Serialization;

/// <summary>
/// A growable byte buffer from the shared pool that refuses to grow past a cap: the writers serialize a document into
/// it, so a document larger than <see cref="MarginFileOptions.MaxDocumentBytes"/> is refused before anything reaches
/// the caller's stream. Dispose to return the memory.
/// </summary>
/// <param name="cap">Largest content in bytes.</param>
/// <param name="tooLarge">The exception to throw when the content would exceed the cap.</param>
internal sealed class CappedBuffer(long cap, Func<Exception> tooLarge) : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    private int _length;

    /// <summary>The bytes written.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public void Advance(int count)
    {
        if (_length + (long)count > cap)
        {
            throw tooLarge();
        }

        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_length);
    }

    private void Reserve(int sizeHint)
    {
        int needed = _length + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length)
        {
            return;
        }

        if (_length >= cap)
        {
            throw tooLarge();
        }

        long grown = Math.Max((long)_buffer.Length * 2, needed);
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(grown, Array.MaxLength));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _length = 0;
    }
}
