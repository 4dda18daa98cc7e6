using System.Globalization;
using CoNRec.Cluster.Configuration;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// Trains one config single-process and multi-process, <see cref="MultiProcessBenchOptions.Rounds"/> times in alternating
/// order (the machine is shared and noisy), and prints each round's GRPO throughput, the ratio multi/single, the medians,
/// and whether the two setups ended with the same reward and the same policy. Timings are never asserted: they are printed.
/// </summary>
internal static class MultiProcessBenchmark
{
    public static async Task RunAsync(TextWriter output, MultiProcessBenchOptions options, CancellationToken ct)
    {
        var config = options.Config();
        var work = Directory.CreateTempSubdirectory("conrec-bench-multiprocess-").FullName;
        try
        {
            var configFile = Path.Combine(work, "config.json");
            RunConfigFile.Save(config, configFile);
            await Header(output, config, options);
            var rounds = new List<(GrpoThroughput Single, GrpoThroughput Multi)>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var singleFirst = round % 2 == 1;
                var measured = new Dictionary<string, GrpoThroughput>(StringComparer.Ordinal);
                foreach (var setup in singleFirst ? [MultiProcessSetups.Single, MultiProcessSetups.Multi] : new[] { MultiProcessSetups.Multi, MultiProcessSetups.Single })
                {
                    var folder = Path.Combine(work, Inv($"round{round}-{setup}"));
                    if (setup == MultiProcessSetups.Single) await MultiProcessSetups.RunSingleAsync(configFile, folder, options, ct);
                    else await MultiProcessSetups.RunMultiAsync(configFile, folder, options, ct);
                    measured[setup] = await GrpoThroughput.ReadAsync(MultiProcessSetups.RunDir(folder), ct);
                    Directory.Delete(folder, recursive: true); // a run's folder is not needed once measured
                }
                rounds.Add((measured[MultiProcessSetups.Single], measured[MultiProcessSetups.Multi]));
                await Round(output, round, singleFirst, rounds[^1].Single, rounds[^1].Multi);
            }
            await Summary(output, options, rounds);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    static async Task Header(TextWriter output, RunConfig config, MultiProcessBenchOptions options)
    {
        var stages = config.Curriculum.Stages;
        var grpo = config.Grpo;
        await output.WriteLineAsync(
            Inv($"multiprocess bench: config {config.Name} (seed {config.Seed}), GRPO {stages.Count} stages, {grpo.TotalSteps(config.Curriculum)} steps of {grpo.SamplesPerStep} samples ") +
            Inv($"({grpo.GroupsPerStep} groups x {grpo.AnchorsPerGroup} anchors, {grpo.GroupSize} completions each); {options.Rounds} rounds, single-process first in odd rounds"));
        var nodes = string.Join(" + ", MultiProcessSetups.NodeRoles(options.Nodes).Select(r => $"node {r}"));
        await output.WriteLineAsync(
            Inv($"single: conrec train ({config.Cluster.RolloutWorkers} rollout, {config.Cluster.RewardWorkers} reward workers) --threads {options.SingleProcessThreads}; ") +
            Inv($"multi: conrec train (coordinator, learner) + {nodes}, each --threads {MultiProcessBenchOptions.ThreadsPerProcess}: {options.SingleProcessThreads} torch threads in both"));
        await output.WriteLineAsync("throughput: the steps after the first over the time between the first and the last step's record (the store's recorded_at)");
    }

    static async Task Round(TextWriter output, int round, bool singleFirst, GrpoThroughput single, GrpoThroughput multi)
    {
        await output.WriteLineAsync(Inv($"round {round} ({(singleFirst ? "single, then multi" : "multi, then single")})"));
        await output.WriteLineAsync("  setup   steps  seconds  steps/s  samples/s  mean timing_s/step  last reward/mean  policy sha256");
        foreach (var (name, run) in new[] { (MultiProcessSetups.Single, single), (MultiProcessSetups.Multi, multi) })
            await output.WriteLineAsync(Inv(
                $"  {name,-6}  {run.TimedSteps,5}  {run.Seconds,7:F2}  {run.StepsPerSecond,7:F3}  {run.SamplesPerSecond,9:F2}  {run.MeanStepSeconds,18:F3}  {run.LastRewardMean,16:F6}  {run.PolicySha256[..16]}"));
        await output.WriteLineAsync(Inv($"  round {round} ratio multi/single (samples/s): {multi.SamplesPerSecond / single.SamplesPerSecond:F3}"));
    }

    static async Task Summary(TextWriter output, MultiProcessBenchOptions options, IReadOnlyList<(GrpoThroughput Single, GrpoThroughput Multi)> rounds)
    {
        var single = Median(rounds.Select(r => r.Single.SamplesPerSecond));
        var multi = Median(rounds.Select(r => r.Multi.SamplesPerSecond));
        var ratio = Median(rounds.Select(r => r.Multi.SamplesPerSecond / r.Single.SamplesPerSecond));
        await output.WriteLineAsync(Inv($"median over {rounds.Count} rounds: single {single:F2} samples/s, multi {multi:F2} samples/s"));
        await output.WriteLineAsync(Inv($"ratio multi/single: {ratio:F3} (median of the per-round ratios of samples/s)"));
        var sameReward = rounds.Count(r => r.Single.LastRewardMean.Equals(r.Multi.LastRewardMean));
        var rewardGap = rounds.Max(r => Math.Abs(r.Single.LastRewardMean - r.Multi.LastRewardMean));
        var samePolicy = rounds.Count(r => r.Single.PolicySha256 == r.Multi.PolicySha256);
        var policies = rounds.SelectMany(r => new[] { r.Single.PolicySha256, r.Multi.PolicySha256 }).Distinct(StringComparer.Ordinal).Count();
        await output.WriteLineAsync(
            Inv($"agreement: last reward/mean equal in {sameReward}/{rounds.Count} rounds (largest difference {rewardGap:G3}), final policy sha256 equal in {samePolicy}/{rounds.Count} rounds; ") +
            Inv($"{policies} distinct final policies over {2 * rounds.Count} runs"));
        if (samePolicy < rounds.Count && MultiProcessBenchOptions.ThreadsPerProcess != options.SingleProcessThreads)
            await output.WriteLineAsync(
                Inv($"note: the single-process learner runs with {options.SingleProcessThreads} torch threads, the multi-process one with {MultiProcessBenchOptions.ThreadsPerProcess}; ") +
                "a different thread count sums in a different order, so the weights can differ in their last bits");
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
