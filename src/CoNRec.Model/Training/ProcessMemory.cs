using System.Diagnostics;
using System.Globalization;

namespace CoNRec.Model.Training;

/// <summary>
/// Resident memory of this process. On Linux from <c>/proc/self/status</c> (VmRSS now, VmHWM the peak since the
/// process started): it counts libtorch's native tensors, which the managed heap does not see.
/// </summary>
internal static class ProcessMemory
{
    const string StatusFile = "/proc/self/status";

    public static long PeakResidentBytes() => StatusBytes("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    public static long ResidentBytes() => StatusBytes("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64;

    // A line reads "VmHWM:\t  123456 kB".
    static long? StatusBytes(string field)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(StatusFile)) return null;
        foreach (var line in File.ReadLines(StatusFile))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            var value = line.AsSpan(field.Length).Trim();
            if (value.EndsWith("kB", StringComparison.Ordinal)) value = value[..^2].TrimEnd();
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
        }
        return null;
    }
}
