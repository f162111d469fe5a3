using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// A small deterministic generator (SplitMix64) seeded from a SHA-256 of its key, so the same humanId, source, family
/// and day always yield the same demo data, on every machine and every .NET version (unlike <see cref="Random"/>,
/// whose seeded sequence is not a documented contract). Not for anything secret.
/// </summary>
internal struct DemoRandom
{
    private ulong _state;

    private DemoRandom(ulong seed) => _state = seed;

    /// <summary>A generator for the key made of <paramref name="parts"/>, joined with a separator no part holds.</summary>
    public static DemoRandom For(params ReadOnlySpan<string> parts)
    {
        var key = string.Join('\u001f', parts.ToArray());
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return new DemoRandom(BinaryPrimitives.ReadUInt64LittleEndian(hash));
    }

    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double in [<paramref name="min"/>, <paramref name="max"/>), rounded to <paramref name="decimals"/>.</summary>
    public double Between(double min, double max, int decimals) => Math.Round(min + (NextDouble() * (max - min)), decimals);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public int Next(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>A 24-hex-character id, in the format of Human API's record ids.</summary>
    public string NextId()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, NextUInt64());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[8..], NextUInt64());
        return Convert.ToHexStringLower(bytes[..12]);
    }
}
