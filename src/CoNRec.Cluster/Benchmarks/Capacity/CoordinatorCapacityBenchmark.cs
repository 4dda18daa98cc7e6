using System.Globalization;
using CoNRec.Storage.Sqlite;
using Serilog;

namespace CoNRec.Cluster.Benchmarks.Capacity;

/// <summary>
/// Coordinator capacity without a model: for each worker count, the real coordinator (a cluster singleton in a
/// single-node ActorSystem with the production settings, a SQLite run store in a temporary folder) serves simulated
/// rollout and reward workers that answer every lease at once, and a simulated learner that takes every step at
/// once. The worker counts run in turn, round after round (the machine's load drifts; every count sees it alike).
/// Printed per count: leases granted and results accepted per second, as the coordinator counted them, averaged over
/// the rounds; then the flatness ratio (results/s at the most workers over the fewest) and the target (at least
/// <see cref="TargetResultsPerSecond"/> results/s at <see cref="TargetWorkers"/> workers).
/// </summary>
public static class CoordinatorCapacityBenchmark
{
    public const double TargetResultsPerSecond = 5_000;
    public const int TargetWorkers = 32;
    /// <summary>Flat: the most workers keep at least this share of the fewest workers' results/s.</summary>
    public const double FlatRatio = 0.9;

    public static async Task<CoordinatorCapacityResult> RunAsync(TextWriter output, CoordinatorCapacityOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine("coordinator capacity: the real coordinator as a cluster singleton (production serialization settings), a SQLite run store, "
            + "simulated workers and learner that answer at once (no model)");
        output.WriteLine(string.Create(inv,
            $"plan: {options.GroupsPerStep} groups per step x 1 prompt x G = {options.GroupSize}, {options.Depth} tokens per completion: one learner hand-off per {2 * options.GroupsPerStep} results, so the coordinator's per-message work is measured, not the step hand-off (its share of the time is printed)"));
        output.WriteLine(string.Create(inv,
            $"per point: a fresh node and run, {options.WarmupSeconds:0.0} s warm-up, {options.Seconds:0.0} s timed; {options.Rounds} round(s) over the worker counts; results = rollouts + scores the coordinator accepted (its own tally)"));

        var folder = Path.Combine(Path.GetTempPath(), "conrec-capacity-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Information and up, as a production run logs, without a sink: logging costs what it costs, the console stays clean.
        using var logger = new LoggerConfiguration().MinimumLevel.Information().CreateLogger();
        List<CapacityPoint> points = [];
        try
        {
            await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"), null, ct).ConfigureAwait(false);
            for (var round = 0; round < options.Rounds; round++)
                foreach (var workers in options.Workers)
                    points.Add(await CapacityPoint.RunAsync(options, workers, store, folder, logger, ct).ConfigureAwait(false));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var result = new CoordinatorCapacityResult([.. options.Workers.Distinct().Select(w => new CapacityLine([.. points.Where(p => p.Workers == w)]))]);
        foreach (var line in result.Lines) Print(output, line);
        // A point that accepted nothing (its time was too short to see one result) has no ratio to give.
        output.WriteLine(result.Fewest.ResultsPerSecond > 0
            ? string.Create(inv,
                $"flatness: results/s at {result.Most.Workers} workers / at {result.Fewest.Workers} workers = {result.Flatness:F2} ({(result.Flatness >= FlatRatio ? "flat" : "falling")}: flat means >= {FlatRatio:F2})")
            : string.Create(inv, $"flatness: not measured (no result accepted at {result.Fewest.Workers} workers; give more --seconds)"));
        output.WriteLine(result.AtTarget is { } at
            ? string.Create(inv, $"target >= {TargetResultsPerSecond:N0} results/s at {TargetWorkers} workers: {(at.ResultsPerSecond >= TargetResultsPerSecond ? "met" : "missed")} ({at.ResultsPerSecond:N0}/s)")
            : string.Create(inv, $"target >= {TargetResultsPerSecond:N0} results/s at {TargetWorkers} workers: not measured (no {TargetWorkers}-worker point)"));
        return result;
    }

    static void Print(TextWriter output, CapacityLine l) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"workers {l.Workers} ({l.Points[0].RolloutWorkers} rollout + {l.Points[0].RewardWorkers} reward): leases {l.LeasesPerSecond:N0}/s, results {l.ResultsPerSecond:N0}/s (rollouts {l.RolloutsPerSecond:N0}/s, scores {l.ScoresPerSecond:N0}/s; rounds {l.SlowestResultsPerSecond:N0}..{l.FastestResultsPerSecond:N0}), {l.StepsPerSecond:0.0} steps/s, hand-off {100 * l.HandOffShare:0}% of the time, {l.LeasesReleased} leases re-issued, {l.StepsInStore} steps in the store"));
}
