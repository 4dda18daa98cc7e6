using CoNRec.Cluster.Configuration;
using CoNRec.Core.Evaluation;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Policy;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;
using CoNRec.Model.Vocab;

namespace CoNRec.Cluster.Pipeline;

/// <summary>What one SFT stage trains on: the alignment tasks, or next-negative prediction in one context.</summary>
public enum SftTasks
{
    /// <summary>SID-title translation and item-level alignment (context understanding).</summary>
    Alignment,

    /// <summary>Next-negative prediction: the warm-up whose result is GRPO's reference.</summary>
    NextNegative,

    /// <summary>Next-negative prediction with the item-level alignment examples mixed in (replay against forgetting).</summary>
    NextNegativeWithAlignment,
}

/// <summary>
/// Supervised fine-tuning of the policy (method.md step 2) from the split's history only: a new preset policy over
/// the SID folder, or a bundle to continue. Step checkpoints in <c>OUT/checkpoints</c> make a repeated call resume;
/// the result is the bundle <c>OUT/model</c>.
/// </summary>
public static class SftStage
{
    public static SftResult Train(EvaluationSplit split, PolicySection policy, string? sidFolder, string? initBundle, SftTasks tasks,
        ContextKind context, SftOptions options, TaskOptions taskOptions, string outFolder, IProgress<SftStep>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(policy);
        options.Validate();
        taskOptions.Validate();
        var source = new PolicySource(initBundle, policy.Backbone, sidFolder, policy.EffectivePreset, policy.Device, policy.Dtype, options.Seed);
        using var opened = PolicyOpener.Open(source, split.Dataset.Items.Titles);
        var (model, vocabulary) = (opened.Model, opened.Vocabulary);
        var itemSids = ItemSids.For(split.Dataset.Items, opened.Sids, opened.SidFolder);
        var builder = new TaskBuilder(split, vocabulary, itemSids, taskOptions);
        List<TrainingExample> examples = tasks switch
        {
            SftTasks.Alignment => [.. builder.Translation(), .. builder.Alignment().Select(a => a.Example)],
            SftTasks.NextNegativeWithAlignment => [.. builder.NextNegative(context), .. builder.Alignment().Select(a => a.Example)],
            _ => [.. builder.NextNegative(context)],
        };
        if (examples.Count == 0) throw new InvalidOperationException($"{tasks} SFT found no training examples in this dataset's history");
        Directory.CreateDirectory(outFolder);
        using var trainer = new SftTrainer(model, model.named_parameters().Select(p => (p.name, p.parameter)), examples,
            vocabulary.PadId, vocabulary.Fingerprint, options, Path.Combine(outFolder, "checkpoints"));
        var result = trainer.Run(progress, ct);
        PolicyBundle.Save(RunLayout.ModelOf(outFolder), model, vocabulary, opened.SidFolder);
        return result;
    }

    /// <summary>True when <paramref name="bundleFolder"/> holds a loadable bundle's files (vocabulary, SIDs, weights).</summary>
    public static bool IsComplete(string bundleFolder) =>
        File.Exists(Path.Combine(bundleFolder, PolicyBundle.VocabularyFile))
        && Directory.Exists(Path.Combine(bundleFolder, PolicyBundle.SidFolder))
        && Directory.Exists(Path.Combine(bundleFolder, PolicyBundle.PolicyFolder))
        && Directory.EnumerateFiles(Path.Combine(bundleFolder, PolicyBundle.PolicyFolder), "*.safetensors*").Any();
}
