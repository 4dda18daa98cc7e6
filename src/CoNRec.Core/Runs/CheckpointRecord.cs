namespace CoNRec.Core.Runs;

/// <summary>A checkpoint whose files are already durable (written, fsynced and renamed into place).</summary>
/// <param name="Uri">Where the artifact lives (a shared-volume path or an http(s) URL on the data plane).</param>
/// <param name="MetricName">The evaluation metric that ranks checkpoints for retention (e.g. "fhr@20"); null: none.</param>
public sealed record NewCheckpoint(
    CheckpointId Id,
    RunId Run,
    long Step,
    int StageIndex,
    PolicyVersion PolicyVersion,
    string Uri,
    string Sha256,
    long SizeBytes,
    string? MetricName = null,
    double? MetricValue = null);

/// <summary>A committed checkpoint as the store holds it.</summary>
/// <param name="IsBest">The best live checkpoint of its run by the retention policy's metric.</param>
/// <param name="Deleted">Retired by retention: its files may be removed, then the row forgotten.</param>
public sealed record CheckpointRecord(
    CheckpointId Id,
    RunId Run,
    long Step,
    int StageIndex,
    PolicyVersion PolicyVersion,
    string Uri,
    string Sha256,
    long SizeBytes,
    string? MetricName,
    double? MetricValue,
    bool IsBest,
    DateTimeOffset CommittedAt,
    bool Deleted);

/// <summary>The outcome of a checkpoint commit.</summary>
/// <param name="AlreadyCommitted">An earlier call (e.g. one whose acknowledgement was lost) had committed it.</param>
/// <param name="Retired">
/// Every retired checkpoint of the run whose row is still present, this commit's and any an interrupted caller
/// left behind: delete their files, then call <see cref="IRunStore.ForgetCheckpointsAsync"/>.
/// </param>
public sealed record CheckpointCommit(CheckpointRecord Checkpoint, bool AlreadyCommitted, IReadOnlyList<CheckpointRecord> Retired);
