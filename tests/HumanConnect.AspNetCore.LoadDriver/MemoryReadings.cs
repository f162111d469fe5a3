using System.Globalization;

namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>Each instance's resident memory (VmRSS from /proc), read at named moments of the run.</summary>
internal sealed class MemoryReadings(int[] pids)
{
    public List<(string Moment, long[] Bytes)> Readings { get; } = [];

    public int Instances => pids.Length;

    public void Read(string moment) => Readings.Add((moment, [.. pids.Select(ResidentBytes)]));

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
