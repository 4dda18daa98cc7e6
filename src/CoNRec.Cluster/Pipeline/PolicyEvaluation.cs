using CoNRec.Core.Evaluation;
using CoNRec.Model.Evaluation;
using CoNRec.Model.Generation;
using CoNRec.Model.Lora;
using CoNRec.Model.Tasks;

namespace CoNRec.Cluster.Pipeline;

/// <summary>Evaluates a policy bundle on a split: beam-search top-K, candidate scoring and held-out alignment accuracy.</summary>
public static class PolicyEvaluation
{
    /// <param name="name">The result's row name in the table.</param>
    /// <param name="adapter">A LoRA adapter folder merged into the bundle first, or null.</param>
    public static EvaluationResult Evaluate(string name, string folder, string? adapter, (string Device, string DType) placement, EvaluationSplit split,
        EvaluationOptions options, ContextKind context, int seed, Func<string, IProgress<double>?>? progressFor = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(options);
        using var bundle = PolicyBundle.Load(folder, c => c with { Device = placement.Device, DType = placement.DType });
        // LoadAdapter refuses an adapter made for another base; merging makes the ranking code adapter-agnostic.
        if (adapter is not null) LoraModel.LoadAdapter(bundle.Model, adapter).Merge();
        var dataset = split.Dataset;
        var itemSids = ItemSids.For(dataset.Items, bundle.Sids, Path.Combine(folder, PolicyBundle.SidFolder));
        var tasks = new TaskBuilder(split, bundle.Vocabulary, itemSids, new TaskOptions { Seed = seed });
        var trie = new SidTrie([.. itemSids.Select(s => bundle.Vocabulary.Sid.Encode(s))]);
        var ranker = PolicyRanker.Precompute(name, bundle.Model, tasks, trie, split.Cases, context, options.K,
            progress: progressFor?.Invoke($"beam {name}"), ct: ct);
        var alignment = AlignmentProbe.Accuracy(bundle.Model, tasks.Format, dataset.Events, split.Cases, seed, ct: ct);
        return Evaluator.Evaluate(split, ranker, ranker, options, progressFor?.Invoke($"eval {name}"), ct)
            with { Extra = [new NamedMetric(AlignmentProbe.MetricName, alignment)] };
    }

    /// <summary>Held-out item-level alignment accuracy alone (<see cref="AlignmentProbe"/>): no beam search.</summary>
    public static MetricValue AlignmentAccuracy(string folder, (string Device, string DType) placement, EvaluationSplit split, int seed,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(split);
        using var bundle = PolicyBundle.Load(folder, c => c with { Device = placement.Device, DType = placement.DType });
        var itemSids = ItemSids.For(split.Dataset.Items, bundle.Sids, Path.Combine(folder, PolicyBundle.SidFolder));
        var tasks = new TaskBuilder(split, bundle.Vocabulary, itemSids, new TaskOptions { Seed = seed });
        return AlignmentProbe.Accuracy(bundle.Model, tasks.Format, split.Dataset.Events, split.Cases, seed, ct: ct);
    }

    /// <summary>"runs/sft-neg/model" reads as "sft-neg".</summary>
    public static string ModelName(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var leaf = Path.GetFileName(full);
        return leaf == "model" ? Path.GetFileName(Path.GetDirectoryName(full)) ?? leaf : leaf;
    }
}
