using System.Globalization;
using CoNRec.Core.Grpo;

namespace CoNRec.Cluster.Benchmarks;

/// <summary>
/// Orchestration overhead: the same GRPO steps driven through the actors (<see cref="ActorPath"/>) and called
/// directly on one thread (<see cref="DirectPath"/>), on the same world, policy, seed and plan. Both paths are warmed
/// up, then run alternately (direct, actors, direct, actors, ...); printed per run are seconds per step and each
/// phase's share of the step time, then the mean seconds per step of each path, their ratio (the target is at most
/// 1.05) and whether the final learner metrics agree (identical work gives identical numbers).
/// </summary>
public static class OrchestrationBenchmark
{
    public const double TargetRatio = 1.05;

    public static OrchestrationBenchmarkResult Run(TextWriter output, OrchestrationBenchmarkOptions options, CancellationToken ct = default) =>
        RunAsync(output, options, ct).GetAwaiter().GetResult();

    public static async Task<OrchestrationBenchmarkResult> RunAsync(TextWriter output, OrchestrationBenchmarkOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var world = new BenchmarkWorld(options);
        var grpo = new GrpoOptions();
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"orchestration overhead: {options.Policy} policy, {options.Steps} steps x {options.Groups} groups x {options.AnchorsPerGroup} prompts x G = {options.GroupSize}, 1 rollout + 1 reward worker; step 1 of each run not counted"));

        var warmup = BenchmarkPlan.For(options, "warmup", options.WarmupSteps);
        DirectPath.Run(world.Data, warmup, grpo, ct);
        await ActorPath.RunAsync(world.Data, warmup with { RunId = NewRunId() }, grpo, world.NewRunFolder("warmup"), ct).ConfigureAwait(false);
        output.WriteLine(string.Create(inv, $"warm-up: {options.WarmupSteps} steps of each path"));

        List<PathTiming> runs = [];
        for (var round = 1; round <= options.Rounds; round++)
        {
            var direct = DirectPath.Run(world.Data, BenchmarkPlan.For(options, "direct", options.Steps), grpo, ct);
            Print(output, round, direct);
            runs.Add(direct);
            var plan = BenchmarkPlan.For(options, NewRunId(), options.Steps);
            var actors = await ActorPath.RunAsync(world.Data, plan, grpo, world.NewRunFolder("actors"), ct).ConfigureAwait(false);
            Print(output, round, actors);
            runs.Add(actors);
        }

        var directMean = Mean(runs, "direct");
        var actorMean = Mean(runs, "actors");
        var (match, largest, worst) = Compare(runs);
        var result = new OrchestrationBenchmarkResult(runs, directMean, actorMean, match, largest);
        output.WriteLine(string.Create(inv, $"direct: {directMean:F3} s/step; actors: {actorMean:F3} s/step"));
        output.WriteLine(string.Create(inv, $"ratio actors/direct: {result.Ratio:F3} (target <= {TargetRatio:F2}: {(result.Ratio <= TargetRatio ? "met" : "missed")})"));
        output.WriteLine(match
            ? string.Create(inv, $"final metrics: identical in every run ({runs[0].FinalMetrics.Count} learner metrics)")
            : string.Create(inv, $"final metrics: differ; largest |difference| {largest:G4} in {worst}"));
        return result;
    }

    // A run id names the run in the store only; seeds, anchors and work do not depend on it.
    static string NewRunId() => Core.Runs.RunId.New(TimeProvider.System).Value;

    static void Print(TextWriter output, int round, PathTiming run)
    {
        var total = run.StepTotal;
        double Share(double seconds) => total > 0 ? 100 * seconds / total : double.NaN;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round} {run.Path}: {run.SecondsPerStep:F3} s/step over {run.StepSeconds.Length} steps (run {run.WallSeconds:F1} s); share of step time: generation {Share(run.GenSeconds):F1}%, reward {Share(run.RewardSeconds):F1}%, update {Share(run.UpdateSeconds):F1}%, other {Share(total - run.GenSeconds - run.RewardSeconds - run.UpdateSeconds):F1}%"));
    }

    static double Mean(List<PathTiming> runs, string path)
    {
        double seconds = 0;
        var steps = 0;
        foreach (var run in runs.Where(r => r.Path == path))
        {
            seconds += run.StepTotal;
            steps += run.StepSeconds.Length;
        }
        return seconds / steps;
    }

    /// <summary>Every run's final learner metrics against the first run's (the metrics the direct path reports).</summary>
    static (bool Match, double Largest, string Worst) Compare(List<PathTiming> runs)
    {
        var baseline = runs[0].FinalMetrics;
        var largest = 0.0;
        var worst = "";
        var match = true;
        foreach (var run in runs.Skip(1))
        {
            foreach (var (name, expected) in baseline)
            {
                var actual = run.FinalMetrics.TryGetValue(name, out var value) ? value : double.NaN;
                if (actual.Equals(expected)) continue;   // NaN equals NaN here: a metric undefined in both runs agrees
                match = false;
                var difference = double.IsNaN(actual) || double.IsNaN(expected) ? double.PositiveInfinity : Math.Abs(actual - expected);
                if (difference <= largest) continue;
                largest = difference;
                worst = $"{name} ({run.Path} run: {actual.ToString("G6", CultureInfo.InvariantCulture)} vs {expected.ToString("G6", CultureInfo.InvariantCulture)})";
            }
        }
        return (match, largest, worst);
    }
}
