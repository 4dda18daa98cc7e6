namespace CoNRec.Core.Protocol;

/// <summary>A rollout worker asks for work; it says which policy version it holds so the lease can avoid a reload.</summary>
public sealed record RolloutWanted(string WorkerId, long LoadedPolicyVersion) : IConrecMessage;

/// <summary>
/// Generate <see cref="GroupSize"/> completions for each anchor's prompt with policy <see cref="PolicyVersion"/>
/// (fetched from <see cref="Policy"/> when the worker holds another), at <see cref="Temperature"/>, seeded by
/// <see cref="Seed"/>. Valid until <see cref="DeadlineUnixMs"/>; after that the coordinator may lease it again.
/// </summary>
public sealed record RolloutLease(
    WorkKey Key,
    int StageIndex,
    string Context,
    AnchorRef[] Anchors,
    int GroupSize,
    double Temperature,
    long Seed,
    long PolicyVersion,
    ArtifactRef Policy,
    long DeadlineUnixMs) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Key = {Key}, StageIndex = {StageIndex}, Context = {Context}, Anchors = {Anchors.Length}, GroupSize = {GroupSize}, PolicyVersion = {PolicyVersion}");
        return true;
    }
}

/// <summary>Nothing to lease now; ask again after <see cref="RetryAfterMs"/>.</summary>
public sealed record NoWork(int RetryAfterMs) : IConrecMessage;

/// <summary>
/// The coordinator to a worker it answered <see cref="NoWork"/>: work of the worker's kind is waiting now, ask at once
/// rather than after the retry-after. Only a hint: a worker busy or already asking ignores it.
/// </summary>
public sealed record WorkReady(string RunId) : IConrecMessage;

/// <summary>
/// The completions of a rollout lease, row-major by (anchor, sample): <see cref="Tokens"/> (rows x Depth),
/// the sampling policy's per-token log-probabilities (rows x Depth) and the generated item of each row.
/// </summary>
public sealed record RolloutDone(
    WorkKey Key,
    string WorkerId,
    long PolicyVersion,
    int Depth,
    int[] Tokens,
    float[] LogProbs,
    int[] Items,
    double Seconds) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Key = {Key}, WorkerId = {WorkerId}, PolicyVersion = {PolicyVersion}, Rows = {Items.Length}, Depth = {Depth}, Seconds = {Seconds:0.000}");
        return true;
    }
}
