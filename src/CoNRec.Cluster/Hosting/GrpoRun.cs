using System.Globalization;
using System.Text.Json;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Hosting.Grpo;
using CoNRec.Cluster.Learner;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;
using CoNRec.Model.Policy;
using Serilog;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Progressive GRPO in one process: an ActorSystem that is a cluster of one with every role (the coordinator as a
/// cluster singleton, the learner, rollout and reward workers), run to the end of the curriculum. The same actors
/// and messages run on a real cluster; only the hosting differs. Beside the ActorSystem runs the node's data plane
/// (<see cref="DataPlaneNode"/>, started first and stopped last): the learner publishes policy versions and
/// checkpoints through its publisher, the rollout workers fetch through its fetcher, and in HTTP mode its server
/// serves the run folder.
/// </summary>
public static class GrpoRun
{
    /// <param name="data">The warm-up policy (first version and frozen reference), the split, SIDs and rewards.</param>
    /// <param name="plan">The loop's shape and curriculum; <see cref="CoordinatorPlan.RunId"/> names the run (created in the
    /// store when missing; an existing run resumes from its latest committed checkpoint's cursor).</param>
    /// <exception cref="OperationCanceledException">Cancelled: the system is shut down and the run marked Cancelled.</exception>
    /// <exception cref="InvalidOperationException">The run failed (the coordinator's or the store's error is the inner exception).</exception>
    public static async Task<GrpoRunResult> RunAsync(GrpoData data, CoordinatorPlan plan, IRunStore store, GrpoRunOptions options, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        plan.Validate();
        if (plan.Temperature != options.Grpo.Temperature)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"grpo.temperature is {options.Grpo.Temperature} but the plan samples at {plan.Temperature}: they must agree"));

        var run = RunId.Parse(plan.RunId, "grpo.runId");
        var runFolder = Path.GetFullPath(options.RunFolder);
        Directory.CreateDirectory(runFolder);
        var log = logger.ForContext(LogProperties.RunId, run.Value);
        await store.CreateRunAsync(new NewRun(run, options.RunName, ConfigJson(plan, options), plan.Seed), cancellationToken).ConfigureAwait(false);

        var resume = await ResumePointAsync(store, run, runFolder, cancellationToken).ConfigureAwait(false);
        var dataPlane = await DataPlaneNode.StartAsync(options.DataPlaneSettings.ToOptions(runFolder, options.ClusterNode.Hostname), log, cancellationToken)
            .ConfigureAwait(false);
        await using (dataPlane.ConfigureAwait(false))
        {
            var warmup = WarmupPolicy(data.PolicyFolder, runFolder, dataPlane.Publisher);
            ArtifactRef PolicyOf(long version) => version == 0 ? warmup : dataPlane.Publisher.DescribeFile(PolicyWeights.PathOf(runFolder, version));
            var completion = new RunCompletion();
            var coordinator = new CoordinatorSettings(plan, new SamplerAnchors(data, plan.Curriculum, (int)plan.Seed), store, PolicyOf, log,
                options.Retention, Completion: completion, Progress: options.Progress, DataPlane: dataPlane.Publisher, Joinable: options.Joinable);
            var learner = new LearnerOptions(runFolder, options.Grpo, options.Device, options.WeightDecay, (int)plan.Seed, resume);
            var hosting = options.Hosting ?? LocalGrpoHosting.Instance;
            if (hosting.AssignsLearners) coordinator = coordinator with { LearnerFolder = runFolder, Learners = options.Learners };
            else if (options.Learners != 1)
                throw new ArgumentException($"cluster.learners is {options.Learners}: data-parallel learners need a run submitted to a cluster (conrec submit); conrec train has one learner");

            log.Information("GRPO run {RunId} starting: {Stages} stages, {Groups} groups x {Anchors} prompts x {GroupSize} samples per step, data plane {DataPlane}",
                run.Value, plan.Curriculum.Stages.Count, plan.GroupsPerStep, plan.AnchorsPerGroup, plan.GroupSize, options.DataPlaneSettings.Mode);
            var outcome = await WaitAsync(hosting, new GrpoHostingRequest(coordinator, completion, data, learner, dataPlane, options, log), store, run, log,
                cancellationToken).ConfigureAwait(false);
            log.Information("GRPO run {RunId} finished: {Steps} steps, policy {PolicyVersion}", run.Value, outcome.Steps, outcome.PolicyVersion);
            var final = outcome.PolicyVersion;
            return new GrpoRunResult(run, outcome.Steps, final, PolicyOf(final), outcome.FinalMetrics, final > 0 ? PolicyWeights.PathOf(runFolder, final) : null);
        }
    }

    /// <summary>Runs the hosting to the run's end; a cancelled run is marked so once its actors are stopped and nothing can overtake the mark.</summary>
    static async Task<RunOutcome> WaitAsync(IGrpoHosting hosting, GrpoHostingRequest request, IRunStore store, RunId run, ILogger log,
        CancellationToken cancellationToken)
    {
        try
        {
            return await hosting.RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await MarkCancelledAsync(store, run, log).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The run's latest committed checkpoint, when it has one: the learner restores it and the coordinator continues
    /// from its cursor. Its policy version must still be on the data plane (rollout workers load it).
    /// </summary>
    static async Task<LearnerResume?> ResumePointAsync(IRunStore store, RunId run, string runFolder, CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestCheckpointAsync(run, cancellationToken).ConfigureAwait(false);
        if (latest is null) return null;
        var version = latest.PolicyVersion.Value;
        if (version > 0 && !File.Exists(PolicyWeights.PathOf(runFolder, version)))
            throw new InvalidOperationException($"run {run} resumes at policy {version}, but {PolicyWeights.PathOf(runFolder, version)} is gone");
        return new LearnerResume(latest.Step, version);
    }

    /// <summary>
    /// The warm-up weights as version 0. On a shared directory, the warm-up folder's own file (a single file, or the
    /// shard index of a sharded folder: every node reads the folder beside it). Over HTTP, one file written into the
    /// run folder (<see cref="PolicyWeights.PublishWarmup"/>) that a remote node fetches and loads like any version.
    /// </summary>
    static ArtifactRef WarmupPolicy(string policyFolder, string runFolder, ArtifactPublisher publisher)
    {
        if (publisher.IsHttp) return PolicyWeights.PublishWarmup(policyFolder, runFolder, publisher);
        var files = WeightFiles.Locate(policyFolder);
        return FileArtifacts.DescribeFile(files.Count == 1 ? files[0] : Path.Combine(policyFolder, WeightFiles.Index));
    }

    static string ConfigJson(CoordinatorPlan plan, GrpoRunOptions options) =>
        JsonSerializer.Serialize(new { plan, grpo = options.Grpo, options.RolloutWorkers, options.RewardWorkers, options.Device, options.WeightDecay },
            new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals });

    static async Task MarkCancelledAsync(IRunStore store, RunId run, ILogger log)
    {
        try
        {
            await store.UpdateRunStatusAsync(run, RunStatus.Cancelled, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Warning(e, "Could not mark run {RunId} cancelled", run.Value);
        }
    }
}
