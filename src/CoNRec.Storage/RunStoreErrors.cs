using CoNRec.Core.Runs;

namespace CoNRec.Storage;

/// <summary>The errors both stores raise, worded once.</summary>
static class RunStoreErrors
{
    public static KeyNotFoundException UnknownRun(RunId run) => new($"run {run} does not exist in the run store");

    public static KeyNotFoundException UnknownStage(RunId run, int stage) =>
        new($"run {run} has no stage {stage} (define the run's stages with UpsertStagesAsync first)");

    public static RunStoreConflictException RunMismatch(RunId run) =>
        new($"run {run} already exists with a different name, configuration, seed or correlation id");

    public static RunStoreConflictException CheckpointMismatch(NewCheckpoint checkpoint, CheckpointRecord existing) =>
        new($"step {checkpoint.Step} of run {checkpoint.Run} already has checkpoint {existing.Id} (sha256 {existing.Sha256}); refusing {checkpoint.Id} (sha256 {checkpoint.Sha256})");

    public static RunStoreConflictException StaleCheckpoint(NewCheckpoint checkpoint, long latestStep) =>
        new($"checkpoint {checkpoint.Id} at step {checkpoint.Step} is older than run {checkpoint.Run}'s latest committed checkpoint (step {latestStep}); is another coordinator running this run?");

    public static RunStoreConflictException ForgetLive(CheckpointId id) =>
        new($"checkpoint {id} is live; only checkpoints retired by retention can be forgotten");

    public static RunStoreConflictException DiscardBeforeCheckpoint(RunId run, long step, long checkpointStep) =>
        new($"cannot discard run {run}'s steps after {step}: its latest committed checkpoint is at step {checkpointStep}");
}
