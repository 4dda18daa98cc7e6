using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Swing;
using CoNRec.Model.Evaluation;

namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// A GRPO run's <see cref="GrpoData"/> from its config, split and warm-up bundle: the one construction both the training
/// process and a joining node (<see cref="Hosting.Joining.RunHost"/>) use, so that an anchor means the same prompt and a
/// completion the same reward on every node.
/// </summary>
public static class GrpoDataLoader
{
    /// <summary>The data from a split already in memory (Swing neighbours computed when the reward uses them).</summary>
    public static GrpoData Build(RunConfig config, EvaluationSplit split, string warmupBundle, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(split);
        var neighbours = config.Reward.Scoring.SwingNeighbours > 0
            ? SwingSimilarity.Compute(SwingInput.FromNegatives(split.Dataset, split.HistoryEnd), config.Reward.Swing, ct: ct)
            : null;
        using var warmup = PolicyBundle.Load(warmupBundle, c => c with { Device = config.Policy.Device, DType = config.Policy.Dtype });
        return GrpoData.FromBundle(warmup, split, config.Reward.Scoring, neighbours, config.Tasks, config.Reward.Weighting);
    }

    /// <summary>What a joining node builds from the coordinator's offer: the dataset read and split as the run's config says.</summary>
    /// <exception cref="FileNotFoundException">The dataset or the bundle is not at the offered path on this node (no shared directory).</exception>
    public static GrpoData Load(JoinableRun run, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var config = RunConfigFile.Parse(run.ConfigJson, RunConfigFormat.Json, "the coordinator's run config");
        if (!File.Exists(run.DatasetPath))
            throw new FileNotFoundException($"the run's dataset {run.DatasetPath} is not readable on this node: joining nodes need the run's shared directory at the same path", run.DatasetPath);
        if (!Directory.Exists(run.WarmupBundle))
            throw new DirectoryNotFoundException($"the run's warm-up bundle {run.WarmupBundle} is not readable on this node: joining nodes need the run's shared directory at the same path");
        // Cleaned as the training process cleaned it, so that both sides split the same events.
        var dataset = config.Data.Read(run.DatasetPath);
        return Build(config, EvaluationSplit.Create(dataset, config.Split), run.WarmupBundle, ct);
    }

    /// <summary>The offer of a run whose dataset and warm-up bundle are at these paths (made absolute).</summary>
    public static JoinableRun Joinable(RunConfig config, string datasetPath, string warmupBundle)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new JoinableRun(config.ToJson(), Path.GetFullPath(datasetPath), Path.GetFullPath(warmupBundle));
    }
}
