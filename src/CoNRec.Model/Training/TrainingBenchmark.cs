using System.Globalization;
using CoNRec.Model.Policy;
using CoNRec.Model.Vocab;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>
/// Figures of the timed steps: real (unpadded) tokens and answer tokens per second, seconds per step (mean and
/// median), the process's peak resident memory (VmHWM: since the process started, so it bounds the run from above)
/// and the managed heap's peak (sampled after each step), with the first and last timed losses as a sanity check.
/// </summary>
public sealed record TrainingBenchmarkResult(
    int Steps, double TokensPerSecond, double AnswerTokensPerSecond, double SecondsPerStep, double MedianSecondsPerStep,
    long PeakResidentBytes, long PeakManagedBytes, double FirstLoss, double LastLoss);

/// <summary>
/// A supervised fine-tuning run through <see cref="SftTrainer"/> (the whole model trainable, AdamW, clipping, no
/// checkpoints) on synthetic next-negative examples, timed after a few warm-up steps. Timings only: nothing is asserted.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(TextWriter output, TrainingBenchmarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new TrainingBenchmarkOptions();
        options.Validate();
        var config = options.Policy;
        var layout = new SidTokenLayout(ReservedTokens.All.Count, options.LevelSizes);
        var examples = SyntheticNextNegative.Create(layout, options.Items, options.Examples, options.MinContextTokens, options.MaxContextTokens, options.Seed);
        var sft = new SftOptions { Steps = options.WarmupSteps + options.Steps, BatchSize = options.BatchSize, CheckpointEvery = 0, Seed = options.Seed };
        var residentAtStart = ProcessMemory.ResidentBytes();
        output.WriteLine(Invariant(
            $"sft benchmark: hidden {config.HiddenSize}, {config.NumHiddenLayers} layers, vocab {config.VocabSize}, batch {options.BatchSize}, ") +
            Invariant($"contexts {options.MinContextTokens}-{options.MaxContextTokens} tokens, answers {layout.Levels + 1} tokens, {get_num_threads()} threads"));

        using var model = new PolicyModel(config, options.Seed);
        using var trainer = new SftTrainer(model, model.named_parameters(), examples, SyntheticNextNegative.Reserved(ReservedTokens.Pad),
            "synthetic", sft, checkpointRoot: null);
        var timed = new List<SftStep>(options.Steps);
        long peakManaged = 0, previousTokens = 0;
        trainer.Run(new StepProgress(step =>
        {
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(forceFullCollection: false));
            var tokens = step.Tokens - previousTokens;
            previousTokens = step.Tokens;
            if (step.Step <= options.WarmupSteps) return;
            timed.Add(step with { Tokens = tokens });
            output.WriteLine(Invariant($"step {step.Step - options.WarmupSteps}: loss {step.Loss:F4}, {step.Seconds:F3} s, {tokens} tokens, resident {Mib(ProcessMemory.ResidentBytes())}"));
        }));

        var seconds = timed.Sum(s => s.Seconds);
        var result = new TrainingBenchmarkResult(timed.Count, timed.Sum(s => s.Tokens) / seconds, timed.Sum(s => s.AnswerTokens) / seconds,
            seconds / timed.Count, Median([.. timed.Select(s => s.Seconds)]), ProcessMemory.PeakResidentBytes(), peakManaged,
            timed[0].Loss, timed[^1].Loss);
        output.WriteLine(Invariant($"tokens/s: {result.TokensPerSecond:F0} (all real tokens), {result.AnswerTokensPerSecond:F0} (answer tokens)"));
        output.WriteLine(Invariant($"seconds per step: {result.SecondsPerStep:F3} mean, {result.MedianSecondsPerStep:F3} median over {result.Steps} steps after {options.WarmupSteps} warm-up"));
        output.WriteLine(Invariant($"peak memory: resident {Mib(result.PeakResidentBytes)} (VmHWM; {Mib(residentAtStart)} before the model), managed heap {Mib(result.PeakManagedBytes)}"));
        output.WriteLine(Invariant($"loss: {result.FirstLoss:F4} at the first timed step, {result.LastLoss:F4} at the last"));
        return result;
    }

    static string Mib(long bytes) => Invariant($"{bytes / (1024.0 * 1024.0):F0} MiB");

    static double Median(double[] values)
    {
        Array.Sort(values);
        var mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Reports on the training thread as each step ends; Progress<T> would post to the thread pool.
    sealed class StepProgress(Action<SftStep> report) : IProgress<SftStep>
    {
        public void Report(SftStep value) => report(value);
    }
}
