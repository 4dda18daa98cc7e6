using System.Security.Cryptography;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Policy;
using CoNRec.Storage;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// A finished run's GRPO throughput, read from its store: the steps after the first over the time between the first
/// and the last step's record (the first step's wait for workers, weights and warm-up is not counted), and what the
/// run ended with, to compare two setups' computations.
/// </summary>
/// <param name="TimedSteps">Steps after the first.</param>
/// <param name="TimedSamples">Their samples (prompts; each has a group of completions).</param>
/// <param name="MeanStepSeconds">The coordinator's timing_s/step, averaged over every step.</param>
/// <param name="LastRewardMean">The last step's reward/mean.</param>
/// <param name="PolicySha256">The SHA-256 of the final policy's weights.</param>
internal sealed record GrpoThroughput(int TimedSteps, long TimedSamples, double Seconds, double MeanStepSeconds, double LastRewardMean, string PolicySha256)
{
    public double StepsPerSecond => TimedSteps / Seconds;

    public double SamplesPerSecond => TimedSamples / Seconds;

    /// <exception cref="InvalidDataException">The run folder holds no run, or its GRPO stage recorded fewer than two steps.</exception>
    public static async Task<GrpoThroughput> ReadAsync(string runDir, CancellationToken ct)
    {
        var folder = Path.GetFullPath(runDir);
        var manifest = TrainingPipeline.Manifest(folder) ?? throw new InvalidDataException($"{folder}: no {RunLayout.ManifestFile}");
        IReadOnlyList<Core.Runs.StepRecord> steps;
        await using (var store = await RunStore.OpenAsync(StoreLocation.DefaultFor(folder), cancellationToken: ct))
            steps = [.. (await store.GetStepsAsync(manifest.GrpoRun, cancellationToken: ct)).OrderBy(s => s.Step)];
        if (steps.Count < 2) throw new InvalidDataException($"{folder}: {steps.Count} GRPO steps recorded; the bench needs at least 2");
        var (first, last) = (steps[0], steps[^1]);
        var seconds = (last.RecordedAt - first.RecordedAt).TotalSeconds;
        var meanStep = steps.Average(s => s.Metrics.TryGetValue(MetricNames.StepSeconds, out var value) ? value : double.NaN);
        var reward = last.Metrics.TryGetValue(MetricNames.RewardMean, out var mean) ? mean : double.NaN;
        return new GrpoThroughput(steps.Count - 1, steps.Skip(1).Sum(s => s.Samples), seconds, meanStep, reward, await PolicyHashAsync(folder, ct));
    }

    /// <summary>One hash over the weight files in load order (one file unless the policy is sharded).</summary>
    static async Task<string> PolicyHashAsync(string folder, CancellationToken ct)
    {
        var policy = Path.Combine(RunLayout.ModelOf(new RunLayout(folder).Grpo), PolicyBundle.PolicyFolder);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in WeightFiles.Locate(policy))
            hash.AppendData(await File.ReadAllBytesAsync(file, ct));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
