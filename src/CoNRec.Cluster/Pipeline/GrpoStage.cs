using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Grpo;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Model.Evaluation;
using Serilog;

namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// Progressive GRPO from the warm-up bundle (the first policy and the frozen reference) through the curriculum, in one
/// process (<see cref="GrpoRun"/>); the GRPO run's stage rows are the curriculum's stages. The final policy is written
/// as a bundle (<c>grpo/model</c>) beside the run's data plane.
/// </summary>
public static class GrpoStage
{
    public static Task<GrpoRunResult> RunAsync(RunConfig config, EvaluationSplit split, string warmupBundle, RunId grpoRun, string folder,
        IRunStore store, ClusterNodeOptions? node, ILogger logger, CancellationToken ct) =>
        RunAsync(config, split, warmupBundle, grpoRun, folder, store, node, logger, progress: null, ct);

    /// <param name="progress">Told after each GRPO step (from the coordinator's thread).</param>
    /// <param name="hosting">Where the run's actors live; null: an ActorSystem of this process (<see cref="LocalGrpoHosting"/>).</param>
    /// <param name="datasetPath">The run's dataset file; given, the coordinator offers the run to nodes that join the
    /// cluster (<see cref="JoinableRun"/>, <see cref="RunConfig.Cluster"/>), which read it and the warm-up bundle there.</param>
    public static async Task<GrpoRunResult> RunAsync(RunConfig config, EvaluationSplit split, string warmupBundle, RunId grpoRun, string folder,
        IRunStore store, ClusterNodeOptions? node, ILogger logger, IProgress<GrpoStepProgress>? progress, CancellationToken ct, string? datasetPath = null,
        IGrpoHosting? hosting = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var data = GrpoDataLoader.Build(config, split, warmupBundle, ct);
        var options = new GrpoRunOptions(folder, config.Grpo.Update, config.Name, config.Cluster.RolloutWorkers, config.Cluster.RewardWorkers,
            Device: config.Policy.Device, Retention: config.Retention, Node: config.Cluster.ToNodeOptions(node), Progress: progress, DataPlane: config.DataPlane,
            Joinable: datasetPath is null ? null : GrpoDataLoader.Joinable(config, datasetPath, warmupBundle), Hosting: hosting, Learners: config.Cluster.Learners);
        var plan = config.ToCoordinatorPlan(grpoRun.Value);
        var result = await GrpoRun.RunAsync(data, plan, store, options, logger, ct).ConfigureAwait(false);
        SaveFinalBundle(warmupBundle, result.PolicyFile, RunLayout.ModelOf(folder), config.Policy);
        await LogPhaseSharesAsync(store, grpoRun, logger, ct).ConfigureAwait(false);
        return result;
    }

    /// <summary>Where the run's step time went (generation, reward, update), summed over its recorded steps.</summary>
    static async Task LogPhaseSharesAsync(IRunStore store, RunId grpoRun, ILogger logger, CancellationToken ct)
    {
        var steps = await store.GetStepsAsync(grpoRun, cancellationToken: ct).ConfigureAwait(false);
        if (Reporting.PhaseTiming.Sum(steps) is not { } seconds || seconds.AsPercent() is not { } share) return;
        logger.Information("GRPO share of step time over {Steps} steps: generation {GenerationPercent:0.0}%, reward {RewardPercent:0.0}%, update {UpdatePercent:0.0}%",
            steps.Count, share.Generation, share.Reward, share.Update);
    }

    /// <summary>True when the GRPO run finished and its final bundle was written.</summary>
    public static async Task<bool> IsCompleteAsync(IRunStore store, RunId grpoRun, string folder, CancellationToken ct)
    {
        var run = await store.GetRunAsync(grpoRun, ct).ConfigureAwait(false);
        return run?.Status == RunStatus.Completed && SftStage.IsComplete(RunLayout.ModelOf(folder));
    }

    /// <summary>
    /// The warm-up bundle (vocabulary, SIDs, architecture) with the final GRPO weights, read from the file this node
    /// published (whatever the data plane's URI: in HTTP mode the run's server is already stopped); with no step
    /// learned, the warm-up weights themselves.
    /// </summary>
    static void SaveFinalBundle(string warmupBundle, string? policyFile, string target, PolicySection placement)
    {
        using var bundle = PolicyBundle.Load(warmupBundle, c => c with { Device = placement.Device, DType = placement.Dtype });
        if (policyFile is not null) PolicyWeights.LoadVerified(bundle.Model, policyFile);
        PolicyBundle.Save(target, bundle.Model, bundle.Vocabulary, Path.Combine(warmupBundle, PolicyBundle.SidFolder));
    }
}
