using System.Buffers;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>
/// A body read whole into a buffer rented from the shared pool, at most a given size. Request bodies carry
/// session tokens and Human API's answers carry access tokens, so the buffer is cleared when it goes back.
/// </summary>
internal sealed class PooledBytes : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private PooledBytes(byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
    }

    /// <summary>The bytes read.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    /// <summary>How many bytes were read.</summary>
    public int Length => _length;

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, or returns <see langword="null"/> as soon as it passes
    /// <paramref name="maxBytes"/>, whatever length it declared. Exceptions of the stream propagate: what they
    /// mean differs between a request body and an upstream answer.
    /// </summary>
    public static async Task<PooledBytes?> ReadAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    Return(buffer, length);
                    return null;
                }
            }

            return new PooledBytes(buffer, length);
        }
        catch
        {
            // A stream that failed mid-read may have written past what it reported: clear it all on this rare path.
            Return(buffer, buffer.Length);
            throw;
        }
    }

    /// <summary>Clears what was read into the buffer and gives it back to the pool.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            Return(buffer, _length);
        }
    }

    /// <summary>
    /// Clears the first <paramref name="written"/> bytes, all that was read into it, and gives the buffer back. Not the
    /// whole array: the pool hands out a power of two at least as large as asked (128 KiB for Human API's 64 KiB
    /// limit), and clearing all of it cost every finish microseconds to wipe a few hundred bytes.
    /// </summary>
    private static void Return(byte[] buffer, int written)
    {
        buffer.AsSpan(0, written).Clear();
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
