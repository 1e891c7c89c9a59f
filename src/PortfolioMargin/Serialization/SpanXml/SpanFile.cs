using System.IO.Compression;

using PortfolioMargin.Models.SpanFiles;

namespace PortfolioMargin.Serialization;

/// <summary>Reads SPAN risk-parameter files (SPAN XML, file format 4.xx) from a path, a stream, or a zip archive.</summary>
/// <remarks>
/// The reader streams over the XML (no DOM) and keeps the risk arrays in one flat array. Plain XML and zip archives
/// (exchanges ship <c>.spn</c> inside <c>.zip</c>) are told apart by their first bytes. All methods are thread-safe.
/// </remarks>
public static class SpanFile
{
    /// <summary>Reads a SPAN file (XML, or a zip archive holding one) from disk.</summary>
    /// <param name="path">File path.</param>
    /// <param name="options">Read options; <see langword="null"/> = <see cref="SpanReadOptions.Default"/>.</param>
    /// <returns>The immutable parameters.</returns>
    /// <exception cref="SpanFormatException">The file is malformed (message names the element path and line).</exception>
    /// <exception cref="ArgumentException">The filter names a combined commodity the file does not define, or the zip has no single SPAN entry.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SpanRiskParameters Load(string path, SpanReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Load(stream, options);
    }

    /// <summary>Reads a SPAN file (XML, or a zip archive holding one) from a stream; the stream is read to its end and left open.</summary>
    /// <param name="stream">A readable stream positioned at the start of the file.</param>
    /// <param name="options">Read options; <see langword="null"/> = <see cref="SpanReadOptions.Default"/>.</param>
    /// <returns>The immutable parameters.</returns>
    /// <exception cref="SpanFormatException">The file is malformed (message names the element path and line).</exception>
    /// <exception cref="ArgumentException">The filter names a combined commodity the file does not define, or the zip has no single SPAN entry.</exception>
    public static SpanRiskParameters Load(Stream stream, SpanReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= SpanReadOptions.Default;
        var buffered = stream.CanSeek ? stream : new BufferedStream(stream, 1 << 16);
        if (IsZip(buffered, out var head))
        {
            return LoadZip(head, options);
        }

        return SpanXmlParser.Parse(head, options.CombinedCommodities);
    }

    /// <summary>Reads a SPAN file from XML text (convenient for tests and small files).</summary>
    /// <param name="xml">The whole XML document.</param>
    /// <param name="options">Read options; <see langword="null"/> = <see cref="SpanReadOptions.Default"/>.</param>
    /// <returns>The immutable parameters.</returns>
    /// <exception cref="SpanFormatException">The document is malformed (message names the element path and line).</exception>
    public static SpanRiskParameters Parse(string xml, SpanReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml), writable: false);
        return SpanXmlParser.Parse(stream, (options ?? SpanReadOptions.Default).CombinedCommodities);
    }

    private static SpanRiskParameters LoadZip(Stream stream, SpanReadOptions options)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        ZipArchiveEntry? entry;
        if (options.ZipEntryName is { } name)
        {
            entry = zip.GetEntry(name) ?? throw new ArgumentException($"the zip archive has no entry '{name}'", nameof(options));
        }
        else
        {
            var candidates = zip.Entries.Where(e => e.FullName.EndsWith(".spn", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count != 1)
            {
                throw new ArgumentException(
                    $"the zip archive holds {candidates.Count} .spn/.xml entries ({string.Join(", ", candidates.Select(e => e.FullName))}); set SpanReadOptions.ZipEntryName",
                    nameof(options));
            }

            entry = candidates[0];
        }

        using var inner = entry.Open();
        return SpanXmlParser.Parse(inner, options.CombinedCommodities);
    }

    /// <summary>Peeks at the first four bytes for the zip signature <c>PK\x03\x04</c>; returns a stream that starts at the beginning.</summary>
    private static bool IsZip(Stream stream, out Stream head)
    {
        Span<byte> sig = stackalloc byte[4];
        if (stream.CanSeek)
        {
            long start = stream.Position;
            int n = stream.ReadAtLeast(sig, 4, throwOnEndOfStream: false);
            stream.Position = start;
            head = stream;
            return n == 4 && sig[0] == (byte)'P' && sig[1] == (byte)'K' && sig[2] == 3 && sig[3] == 4;
        }

        int read = stream.ReadAtLeast(sig, 4, throwOnEndOfStream: false);
        byte[] prefix = sig[..read].ToArray();
        head = new PrefixedStream(prefix, stream);
        return read == 4 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K' && prefix[2] == 3 && prefix[3] == 4;
    }

    /// <summary>A read-only stream that replays a few peeked bytes before the rest of the inner stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : Stream
    {
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_offset < prefix.Length)
            {
                int n = Math.Min(buffer.Length, prefix.Length - _offset);
                prefix.AsSpan(_offset, n).CopyTo(buffer);
                _offset += n;
                return n;
            }

            return inner.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
