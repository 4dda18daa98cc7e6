namespace CoNRec.Core.Runs;

/// <summary>What the caller supplies to start a run; the store adds status, times and the cursor.</summary>
/// <param name="ConfigJson">The run's resolved settings as JSON, stored verbatim.</param>
/// <param name="CorrelationId">The Seq/tracker correlation id; null: the run id.</param>
public sealed record NewRun(RunId Id, string Name, string ConfigJson, long Seed, string? CorrelationId = null);

/// <summary>One run as the store holds it.</summary>
/// <param name="LatestCheckpoint">The latest committed checkpoint; null before the first commit.</param>
/// <param name="Cursor">Where the run resumes: the cursor committed with <paramref name="LatestCheckpoint"/>.</param>
public sealed record RunRecord(
    RunId Id,
    string Name,
    string ConfigJson,
    long Seed,
    RunStatus Status,
    string CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CheckpointId? LatestCheckpoint,
    RunCursor Cursor);

/// <summary>
/// The position a run resumes from, moved only together with a checkpoint commit.
/// </summary>
/// <param name="SamplerPosition">How many prompts the curriculum sampler has handed out.</param>
/// <param name="RngState">The trainer's random state, opaque text (e.g. base64); null before the first commit.</param>
public sealed record RunCursor(int StageIndex, long Step, long SamplerPosition, string? RngState)
{
    public static RunCursor Start { get; } = new(0, 0, 0, null);
}
