namespace CoNRec.Core.Runs;

/// <summary>A curriculum stage as planned: the store keeps its progress when the plan is upserted again.</summary>
/// <param name="Kind">What the stage runs, e.g. "sid", "sft-align", "sft-warmup", "grpo-1".</param>
/// <param name="Beta">The KL weight of a GRPO stage; null for stages without one.</param>
/// <param name="SampleBudget">Samples the stage may consume before the curriculum moves on.</param>
public sealed record StagePlan(int Index, string Name, string Kind, double? Beta, long SampleBudget);

/// <summary>A stage as the store holds it.</summary>
/// <param name="SamplesDone">The sum of the samples of the stage's recorded steps (so it never counts a step twice).</param>
public sealed record StageRecord(
    RunId Run,
    int Index,
    string Name,
    string Kind,
    double? Beta,
    long SampleBudget,
    long SamplesDone,
    StageStatus Status,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);

/// <summary>How a stage's timestamps follow its status, the same in every store.</summary>
public static class StageTransitions
{
    /// <summary>
    /// Running stamps the start once and clears a finish (a stage resumed after a failure); Completed, Skipped
    /// and Failed stamp the finish once (so a repeated call keeps the first time); Pending clears the finish.
    /// </summary>
    public static StageRecord WithStatus(this StageRecord stage, StageStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return status switch
        {
            StageStatus.Running => stage with { Status = status, StartedAt = stage.StartedAt ?? now, FinishedAt = null },
            StageStatus.Completed or StageStatus.Skipped or StageStatus.Failed =>
                stage with { Status = status, FinishedAt = stage.Status == status ? stage.FinishedAt ?? now : now },
            StageStatus.Pending => stage with { Status = status, FinishedAt = null },
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown stage status"),
        };
    }
}
