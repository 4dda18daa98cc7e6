using System.Diagnostics;
using System.Globalization;

namespace CoNRec.Core.Swing;

/// <summary>What one benchmark run measured.</summary>
public sealed record SwingBenchmarkResult(
    int Users,
    int Items,
    int Events,
    int MaxUsersPerItem,
    double FastSeconds,
    double NaiveSeconds,
    bool SameNeighbors)
{
    /// <summary>How many times faster the fast implementation was.</summary>
    public double Ratio => NaiveSeconds / FastSeconds;
}

/// <summary>
/// Times <see cref="SwingSimilarity"/> against <see cref="NaiveSwing"/> on the same synthetic input in the same
/// process, after one warm-up of both on a small input (so neither pays for JIT compilation).
/// </summary>
public static class SwingBenchmark
{
    public static SwingBenchmarkResult Run(int users, int items, int negativesPerUserMean, int seed, TextWriter output,
        SwingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options = (options ?? new SwingOptions()).Validate();
        var warmUp = SyntheticSwingInput.Generate(500, 200, 10, seed);
        SwingSimilarity.Compute(warmUp, options);
        NaiveSwing.Compute(warmUp, options);

        var input = SyntheticSwingInput.Generate(users, items, negativesPerUserMean, seed);
        output.WriteLine(Invariant($"swing bench: {input.UserCount} users x {input.ItemCount} items, {input.PairCount} negative events, maxUsersPerItem {options.MaxUsersPerItem}, {Environment.ProcessorCount} cores"));

        var (fast, fastSeconds) = Timed(() => SwingSimilarity.Compute(input, options));
        output.WriteLine(Invariant($"fast:  {fastSeconds:F3} s"));
        var (naive, naiveSeconds) = Timed(() => NaiveSwing.Compute(input, options));
        output.WriteLine(Invariant($"naive: {naiveSeconds:F3} s"));

        var result = new SwingBenchmarkResult(input.UserCount, input.ItemCount, input.PairCount, options.MaxUsersPerItem,
            fastSeconds, naiveSeconds, SameNeighbors(fast, naive));
        output.WriteLine(Invariant($"ratio naive/fast: {result.Ratio:F1}x (neighbour lists {(result.SameNeighbors ? "identical" : "DIFFER")}, {fast.PairCount} pairs)"));
        return result;
    }

    static (SwingNeighbors Result, double Seconds) Timed(Func<SwingNeighbors> compute)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var started = Stopwatch.GetTimestamp();
        var result = compute();
        return (result, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    static bool SameNeighbors(SwingNeighbors a, SwingNeighbors b) =>
        a.Start.SequenceEqual(b.Start) && a.Items.SequenceEqual(b.Items);

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
