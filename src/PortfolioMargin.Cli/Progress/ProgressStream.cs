namespace PortfolioMargin.Cli.Progress;

/// <summary>A read-only stream over another that reports the fraction of <see cref="Stream.Length"/> read so far.</summary>
internal sealed class ProgressStream : Stream
{
    private readonly Stream _inner;
    private readonly IProgressSink _progress;
    private readonly string _label;
    private readonly long _length;

    /// <summary>Wraps <paramref name="inner"/> (disposed with this stream).</summary>
    /// <param name="inner">A seekable stream whose length is known.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="label">The progress label, e.g. <c>reading book.csv</c>.</param>
    public ProgressStream(Stream inner, IProgressSink progress, string label)
    {
        _inner = inner;
        _progress = progress;
        _label = label;
        _length = inner.CanSeek ? inner.Length : 0;
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => _inner.CanSeek;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => _inner.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        int n = _inner.Read(buffer);
        if (_length > 0)
        {
            _progress.Report(_label, (double)_inner.Position / _length);
        }

        return n;
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
