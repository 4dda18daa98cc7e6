using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Grpo;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using CoNRec.Storage.Postgres;
using Serilog;

namespace CoNRec.Cluster.Pipeline;

/// <summary>How a training run ended: its id, what each stage did, and the evaluation table (null when eval was skipped).</summary>
public sealed record PipelineResult(RunId Run, RunId GrpoRun, IReadOnlyList<StageOutcome> Stages, string? EvaluationTable);

/// <summary>A stage ran, or was skipped because an earlier attempt completed it and its outputs verify.</summary>
public sealed record StageOutcome(string Stage, bool Skipped, TimeSpan Elapsed);

/// <summary>
/// <c>conrec train</c>: data, semantic IDs, alignment SFT, warm-up SFT, progressive GRPO and evaluation, each stage a
/// row of the run store with its status and timestamps. The run folder holds the config (config.json), the run's ids
/// (run.json) and every stage's outputs; training into it again resumes: completed stages whose outputs verify are
/// skipped, the SFT stages continue from their step checkpoints and GRPO from its latest committed checkpoint. A
/// config whose fingerprint differs from the stored one is refused (<see cref="RunConfigChangedException"/>).
/// <paramref name="progress"/>, when given, hears where each stage stands (<see cref="PipelineProgress"/>);
/// <paramref name="grpoHosting"/>, where GRPO's actors live (default: an ActorSystem of this process).
/// </summary>
public sealed class TrainingPipeline(RunConfig config, string runFolder, ILogger logger, TextWriter? output = null, ClusterNodeOptions? node = null,
    TimeProvider? time = null, IProgress<PipelineProgress>? progress = null, IGrpoHosting? grpoHosting = null)
{
    readonly RunLayout _layout = new(Path.GetFullPath(runFolder));

    public async Task<PipelineResult> RunAsync(CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.Policy.Lora is not null)
            throw new ArgumentException("policy.lora is not supported by conrec train yet: remove it to train every weight (conrec sft --lora-rank trains adapters)");
        Directory.CreateDirectory(_layout.Folder);
        var stored = AdoptConfig();
        var manifest = RunManifest.TryRead(_layout.Manifest) ?? NewManifest();
        var log = logger.ForContext(LogProperties.RunId, manifest.RunId);

        await using var store = await RunStore.OpenAsync(config.Store.Resolve(_layout.Folder), retry: StoreRetry(log), cancellationToken: ct).ConfigureAwait(false);
        var run = manifest.Run;
        await store.CreateRunAsync(new NewRun(run, stored.Name, stored.ToJson(), stored.Seed), ct).ConfigureAwait(false);
        await store.UpsertStagesAsync(run, PipelineStages.Plan(), ct).ConfigureAwait(false);
        await store.UpdateRunStatusAsync(run, RunStatus.Running, ct).ConfigureAwait(false);
        log.Information("Training run {RunId} ({Name}) in {RunFolder}", run.Value, config.Name, _layout.Folder);

        var work = new PipelineWork(config, _layout, manifest.GrpoRun, store, node, output ?? TextWriter.Null, grpoHosting);
        var outcomes = new List<StageOutcome>();
        var records = await store.GetStagesAsync(run, ct).ConfigureAwait(false);
        for (var index = 0; index < PipelineStages.All.Count; index++)
        {
            var stage = PipelineStages.All[index];
            var stageLog = log.ForContext(LogProperties.Stage, stage);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var stageProgress = new StageProgress(progress, stage);
            if (records[index].Status == StageStatus.Completed && await work.VerifyAsync(stage, ct).ConfigureAwait(false))
            {
                stageProgress.Skipped();
                stageLog.Information("Stage {Stage} already completed; skipped", stage);
                outcomes.Add(new StageOutcome(stage, Skipped: true, clock.Elapsed));
                continue;
            }
            await store.SetStageStatusAsync(run, index, StageStatus.Running, ct).ConfigureAwait(false);
            stageLog.Information("Stage {Stage} starting", stage);
            stageProgress.Report(0, "");
            try
            {
                await work.RunAsync(stage, stageLog, stageProgress, ct).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                var cancelled = e is OperationCanceledException;
                stageProgress.Failed(cancelled ? "cancelled" : "failed (see the log)");
                if (cancelled) stageLog.Warning("Stage {Stage} cancelled; training this folder again resumes it", stage);
                else stageLog.Error(e, "Stage {Stage} failed", stage);
                await store.SetStageStatusAsync(run, index, StageStatus.Failed, CancellationToken.None).ConfigureAwait(false);
                await store.UpdateRunStatusAsync(run, cancelled ? RunStatus.Cancelled : RunStatus.Failed, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
            await store.SetStageStatusAsync(run, index, StageStatus.Completed, ct).ConfigureAwait(false);
            stageProgress.Completed();
            stageLog.Information("Stage {Stage} completed in {Seconds:0.0}s", stage, clock.Elapsed.TotalSeconds);
            outcomes.Add(new StageOutcome(stage, Skipped: false, clock.Elapsed));
        }
        await store.UpdateRunStatusAsync(run, RunStatus.Completed, ct).ConfigureAwait(false);
        log.Information("Training run {RunId} completed", run.Value);
        return new PipelineResult(run, manifest.GrpoRun, outcomes, work.EvaluationTable);
    }

    /// <summary>
    /// A PostgreSQL store retries a failed call itself (a restart or a network blip: for up to two minutes), during which
    /// the run pauses; each retry is logged, so that a pause has a cause in the log.
    /// </summary>
    static StoreRetryOptions StoreRetry(ILogger log) => new()
    {
        OnRetry = retry => log.Warning("A run store call failed ({Reason}); attempt {Attempt} in {Delay:0.00} s",
            retry.Error.Message, retry.Attempt, retry.Delay.TotalSeconds),
    };

    /// <summary>The config the folder was started with: this one for a new folder; refused when the stored one differs.</summary>
    RunConfig AdoptConfig()
    {
        if (!File.Exists(_layout.Config))
        {
            RunConfigFile.Save(config, _layout.Config);
            return config;
        }
        var stored = RunConfigFile.Load(_layout.Config);
        if (stored.Fingerprint != config.Fingerprint)
            throw new RunConfigChangedException(_layout.Folder, ConfigFingerprint.ChangedSettings(stored, config));
        return stored;
    }

    RunManifest NewManifest()
    {
        var manifest = RunManifest.New(time ?? TimeProvider.System);
        manifest.Write(_layout.Manifest);
        return manifest;
    }

    /// <summary>The config stored in a run folder (for <c>conrec resume</c>).</summary>
    public static RunConfig StoredConfig(string runFolder)
    {
        var path = new RunLayout(Path.GetFullPath(runFolder)).Config;
        return File.Exists(path) ? RunConfigFile.Load(path) : throw new FileNotFoundException($"{runFolder} holds no training run ({RunLayout.ConfigFile} is missing)", path);
    }

    /// <summary>The run ids stored in a run folder, or null when it has none yet.</summary>
    public static RunManifest? Manifest(string runFolder) => RunManifest.TryRead(new RunLayout(Path.GetFullPath(runFolder)).Manifest);
}
