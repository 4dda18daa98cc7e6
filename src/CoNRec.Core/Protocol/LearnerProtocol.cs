namespace CoNRec.Core.Protocol;

/// <summary>One group's scored completions, as the learner needs them.</summary>
public sealed record ScoredGroup(
    int Group,
    AnchorRef[] Anchors,
    int Depth,
    int[] Tokens,
    float[] OldLogProbs,
    int[] Items,
    float[] Rewards,
    float[] Weights)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Group = {Group}, Anchors = {Anchors.Length}, Rows = {Items.Length}, Depth = {Depth}");
        return true;
    }
}

/// <summary>
/// Take one GRPO step on these groups with the stage's KL coefficient and the step's learning rate, starting
/// from policy <see cref="PolicyVersion"/>; publish the result as the next version.
/// </summary>
public sealed record LearnStep(
    string RunId,
    long Step,
    int StageIndex,
    string Context,
    double Beta,
    double LearningRate,
    int GroupSize,
    long PolicyVersion,
    ScoredGroup[] Groups) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"RunId = {RunId}, Step = {Step}, StageIndex = {StageIndex}, Beta = {Beta}, Groups = {Groups.Length}, PolicyVersion = {PolicyVersion}");
        return true;
    }
}

/// <summary>The step is learned: the new policy version, where its weights are, and the step's metrics (verl names).</summary>
public sealed record StepLearned(string RunId, long Step, long PolicyVersion, ArtifactRef Policy, Dictionary<string, double> Metrics) : IConrecMessage;

/// <summary>Write a resumable checkpoint of the learner's state at this step to the data plane.</summary>
public sealed record WriteCheckpoint(string RunId, long Step, int StageIndex) : IConrecMessage;

/// <summary>The checkpoint's files are sealed (fsynced, renamed); the coordinator records it in the store.</summary>
public sealed record CheckpointWritten(string RunId, long Step, long PolicyVersion, ArtifactRef Checkpoint) : IConrecMessage;

/// <summary>Work failed in a way the sender cannot retry (bad data, a bug): the coordinator decides what to do.</summary>
public sealed record WorkFailed(string RunId, long Step, int Group, string WorkerId, string Reason) : IConrecMessage;
