using System.Globalization;
using System.Text;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Reporting;

/// <summary>Everything the store holds about one run that a report or <c>runs show</c> needs.</summary>
/// <param name="Steps">The run's steps, by step.</param>
public sealed record RunSnapshot(RunRecord Run, IReadOnlyList<StageRecord> Stages, IReadOnlyList<StepRecord> Steps, CheckpointRecord? LatestCheckpoint)
{
    /// <summary>Reads the run; an unknown run raises <see cref="KeyNotFoundException"/>.</summary>
    public static async Task<RunSnapshot> ReadAsync(IRunStore store, RunId run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var record = await store.GetRunAsync(run, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"run {run} is not in the run store");
        var stages = await store.GetStagesAsync(run, cancellationToken).ConfigureAwait(false);
        var steps = await store.GetStepsAsync(run, 0, cancellationToken).ConfigureAwait(false);
        var checkpoint = await store.GetLatestCheckpointAsync(run, cancellationToken).ConfigureAwait(false);
        return new RunSnapshot(record, stages, steps, checkpoint);
    }

    /// <summary>A stage's name by index, or "stage N" for a step whose stage is not planned.</summary>
    public string StageName(int index) =>
        Stages.FirstOrDefault(s => s.Index == index)?.Name ?? $"stage {index}";

    // Logs show counts, not every step and stage.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"Run = {Run.Id}, Stages = {Stages.Count}, Steps = {Steps.Count}, LatestCheckpoint = {LatestCheckpoint?.Id.ToString() ?? "none"}");
        return true;
    }
}
