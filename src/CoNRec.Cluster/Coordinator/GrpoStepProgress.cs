namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// A GRPO step the coordinator recorded, for a progress view in the process that started the run: the step of
/// <paramref name="TotalSteps"/> (the whole curriculum), the curriculum stage it belonged to and its mean reward.
/// Not a message: it never leaves the coordinator's process.
/// </summary>
public sealed record GrpoStepProgress(long Step, long TotalSteps, int StageIndex, int StageCount, string StageName, long PolicyVersion, double RewardMean);
