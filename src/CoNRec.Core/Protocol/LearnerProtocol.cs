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

/// <summary>
/// The coordinator of a submitted run makes a learner node's host the run's learner: load the run's data (the same
/// JSON and paths as <see cref="RunOffer"/>) and the policy of the committed checkpoint at <paramref name="ResumeStep"/>
/// (none at step 0: the warm-up weights), writing versions and checkpoints under <paramref name="RunFolder"/>.
/// <paramref name="Epoch"/> names this assignment, so that an answer to an older one is told apart. With data-parallel
/// learners, this host is <paramref name="Rank"/> of <paramref name="Hosts"/>.Length, the hosts' actor paths in rank order.
/// </summary>
public sealed record LearnerAssignment(string RunId, string Epoch, string ConfigJson, string DatasetPath, string WarmupBundle, string RunFolder,
    long ResumeStep, long ResumePolicyVersion, int Rank, string[] Hosts) : IConrecMessage
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"RunId = {RunId}, Epoch = {Epoch}, RunFolder = {RunFolder}, ResumeStep = {ResumeStep}, ResumePolicyVersion = {ResumePolicyVersion}, Rank = {Rank} of {Hosts.Length}");
        return true;
    }
}

/// <summary>The learner host took the assignment: from now on it answers <see cref="LearnStep"/> and <see cref="WriteCheckpoint"/>.</summary>
public sealed record LearnerReady(string RunId, string Epoch) : IConrecMessage;

/// <summary>The learner host could not take the assignment (its data or checkpoint is unreadable there).</summary>
public sealed record LearnerUnavailable(string RunId, string Epoch, string Reason) : IConrecMessage;
