using CoNRec.Core.Runs;

namespace CoNRec.Storage;

/// <summary>Argument checks both stores make before touching the database.</summary>
static class RunStoreArguments
{
    public static void Check(NewRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Id.Value, "run.Id");
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Name, "run.Name");
        ArgumentNullException.ThrowIfNull(run.ConfigJson, "run.ConfigJson");
    }

    public static void Check(StagePlan stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentOutOfRangeException.ThrowIfNegative(stage.Index, "stage.Index");
        ArgumentException.ThrowIfNullOrWhiteSpace(stage.Name, "stage.Name");
        ArgumentException.ThrowIfNullOrWhiteSpace(stage.Kind, "stage.Kind");
        ArgumentOutOfRangeException.ThrowIfNegative(stage.SampleBudget, "stage.SampleBudget");
    }

    public static void Check(StepRecord step)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfNegative(step.Step, "step.Step");
        ArgumentOutOfRangeException.ThrowIfNegative(step.Samples, "step.Samples");
        ArgumentNullException.ThrowIfNull(step.Metrics, "step.Metrics");
    }

    public static void Check(NewCheckpoint checkpoint, RunCursor cursor, RetentionPolicy retention)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(retention);
        retention.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.Id.Value, "checkpoint.Id");
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.Uri, "checkpoint.Uri");
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpoint.Sha256, "checkpoint.Sha256");
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint.SizeBytes, "checkpoint.SizeBytes");
        // The stage may differ: a checkpoint that ends a stage resumes at the next one.
        if (cursor.Step != checkpoint.Step)
            throw new ArgumentException($"cursor.Step ({cursor.Step}) must equal the checkpoint's step ({checkpoint.Step})", nameof(cursor));
    }

    public static void Check(LeaseKey key, int sampleCount, string workerId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key.Step, "key.Step");
        ArgumentOutOfRangeException.ThrowIfNegative(key.Group, "key.Group");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleCount);
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
    }
}
