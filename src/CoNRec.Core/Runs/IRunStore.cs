namespace CoNRec.Core.Runs;

/// <summary>
/// The durable state of runs: everything a coordinator needs to resume on another node. Every write is one
/// transaction and is safe to retry: repeating a call whose acknowledgement was lost changes nothing more.
/// Unknown runs or stages raise <see cref="KeyNotFoundException"/>; a retry that disagrees with what is stored
/// raises <see cref="RunStoreConflictException"/>.
/// </summary>
public interface IRunStore : IAsyncDisposable
{
    /// <summary>Creates a Pending run at the start cursor; the same request again returns the stored run.</summary>
    Task<RunRecord> CreateRunAsync(NewRun run, CancellationToken cancellationToken = default);

    Task<RunRecord?> GetRunAsync(RunId id, CancellationToken cancellationToken = default);

    /// <summary>All runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(CancellationToken cancellationToken = default);

    Task<RunRecord> UpdateRunStatusAsync(RunId id, RunStatus status, CancellationToken cancellationToken = default);

    /// <summary>Defines or redefines stages by index; their status, timestamps and progress are kept.</summary>
    Task UpsertStagesAsync(RunId run, IReadOnlyList<StagePlan> stages, CancellationToken cancellationToken = default);

    /// <summary>The run's stages by index.</summary>
    Task<IReadOnlyList<StageRecord>> GetStagesAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>Sets a stage's status; Running stamps the start (once), Completed/Skipped/Failed the finish.</summary>
    Task<StageRecord> SetStageStatusAsync(RunId run, int stageIndex, StageStatus status, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a step and adds its samples to its stage. Returns false, changing nothing, when (run, step) is
    /// already recorded, including by an earlier attempt of this very call.
    /// </summary>
    Task<bool> RecordStepAsync(StepRecord step, CancellationToken cancellationToken = default);

    /// <summary>The run's steps from <paramref name="fromStep"/> on, by step.</summary>
    Task<IReadOnlyList<StepRecord>> GetStepsAsync(RunId run, long fromStep = 0, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resuming from a checkpoint at <paramref name="step"/>: discards the steps after it (and their samples) and
    /// their leases, so redone steps are counted once. Returns how many steps were discarded.
    /// </summary>
    Task<int> DiscardAfterAsync(RunId run, long step, CancellationToken cancellationToken = default);

    /// <summary>
    /// In ONE transaction: records the checkpoint, moves the run's latest pointer and cursor to it, and applies
    /// retention (marking retired rows deleted). The caller removes the retired files afterwards, then forgets
    /// their rows. A checkpoint older than the latest is refused.
    /// </summary>
    Task<CheckpointCommit> CommitCheckpointAsync(NewCheckpoint checkpoint, RunCursor cursor, RetentionPolicy retention, CancellationToken cancellationToken = default);

    Task<CheckpointRecord?> GetLatestCheckpointAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>The run's checkpoint rows (live and retired) by step.</summary>
    Task<IReadOnlyList<CheckpointRecord>> ListCheckpointsAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>Removes retired checkpoint rows whose files are gone; live rows are never removed.</summary>
    Task ForgetCheckpointsAsync(RunId run, IReadOnlyList<CheckpointId> ids, CancellationToken cancellationToken = default);

    /// <summary>Leases a prompt group to a worker until <paramref name="deadline"/> (see <see cref="LeaseRules"/>).</summary>
    Task<LeaseGrant> GrantLeaseAsync(LeaseKey key, int sampleCount, string workerId, DateTimeOffset deadline, CancellationToken cancellationToken = default);

    /// <summary>Completes a lease; only <see cref="LeaseCompletion.Completed"/> means "count these results".</summary>
    Task<LeaseCompletion> CompleteLeaseAsync(LeaseKey key, string workerId, CancellationToken cancellationToken = default);

    /// <summary>Marks the run's granted leases whose deadline is at or before <paramref name="now"/> expired and returns them, for re-issue.</summary>
    Task<IReadOnlyList<LeaseRecord>> ExpireLeasesAsync(RunId run, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>The run's granted leases by (step, group).</summary>
    Task<IReadOnlyList<LeaseRecord>> ListInFlightAsync(RunId run, CancellationToken cancellationToken = default);

    /// <summary>Records that a worker was seen now.</summary>
    Task<WorkerRecord> UpsertWorkerAsync(string workerId, string nodeAddress, IReadOnlyList<string> roles, CancellationToken cancellationToken = default);

    /// <summary>All workers, by id.</summary>
    Task<IReadOnlyList<WorkerRecord>> ListWorkersAsync(CancellationToken cancellationToken = default);
}
