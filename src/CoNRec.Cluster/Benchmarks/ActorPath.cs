using System.Diagnostics;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Grpo;
using CoNRec.Core.Runs;
using CoNRec.Storage.Sqlite;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// The plan's steps through the actors: <see cref="GrpoRun"/> with one rollout worker, one reward worker and the
/// learner in one ActorSystem, a SQLite run store in the run's folder. Step and phase seconds are the stored step
/// metrics (the coordinator's wall time per step; generation and reward as the workers measured them, summed over
/// the step's groups; the learner's update).
/// </summary>
public static class ActorPath
{
    public static async Task<PathTiming> RunAsync(GrpoData data, CoordinatorPlan plan, GrpoOptions grpo, string folder, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        var wall = Stopwatch.GetTimestamp();
        await using var store = await SqliteRunStore.OpenAsync(Path.Combine(folder, "runs.db"), null, ct).ConfigureAwait(false);
        var options = new GrpoRunOptions(Path.Combine(folder, "run"), grpo, RunName: "orchestration-benchmark", RolloutWorkers: 1, RewardWorkers: 1,
            WeightDecay: BenchmarkPlan.WeightDecay);
        var result = await GrpoRun.RunAsync(data, plan, store, options, Serilog.Core.Logger.None, ct).ConfigureAwait(false);
        var steps = await store.GetStepsAsync(result.Run, 0, ct).ConfigureAwait(false);

        List<double> stepSeconds = [];
        double gen = 0, reward = 0, update = 0;
        // The first step also waits for the workers to load their models: left out, as in the direct path.
        foreach (var step in steps.Where(s => s.Step > 1))
        {
            stepSeconds.Add(step.Metrics[MetricNames.StepSeconds]);
            gen += step.Metrics[MetricNames.GenSeconds];
            reward += step.Metrics[MetricNames.RewardSeconds];
            update += step.Metrics[MetricNames.UpdateSeconds];
        }
        return new PathTiming("actors", [.. stepSeconds], gen, reward, update, Stopwatch.GetElapsedTime(wall).TotalSeconds, result.FinalMetrics);
    }
}
