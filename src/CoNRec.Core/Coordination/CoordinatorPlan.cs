using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;

namespace CoNRec.Core.Coordination;

/// <summary>
/// The fixed shape of one run's GRPO loop: each step leases <see cref="GroupsPerStep"/> groups of
/// <see cref="AnchorsPerGroup"/> prompts, each prompt sampled <see cref="GroupSize"/> times, so a step consumes
/// GroupsPerStep x AnchorsPerGroup samples of the current stage's budget.
/// </summary>
public sealed record CoordinatorPlan(
    string RunId,
    CurriculumOptions Curriculum,
    LearningRateSchedule Schedule,
    int GroupsPerStep = 4,
    int AnchorsPerGroup = 8,
    int GroupSize = 8,
    double Temperature = 1.0,
    long Seed = 1,
    long LeaseTimeoutMs = 60_000,
    int CheckpointEvery = 10)
{
    public int SamplesPerStep => GroupsPerStep * AnchorsPerGroup;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(RunId)) throw new ArgumentException("coordinator.runId must not be empty");
        if (GroupsPerStep < 1) throw new ArgumentException($"grpo.groupsPerStep must be >= 1 (got {GroupsPerStep})");
        if (AnchorsPerGroup < 1) throw new ArgumentException($"grpo.anchorsPerGroup must be >= 1 (got {AnchorsPerGroup})");
        if (GroupSize < 2) throw new ArgumentException($"grpo.groupSize must be >= 2 (got {GroupSize})");
        if (!(Temperature > 0)) throw new ArgumentException($"grpo.temperature must be > 0 (got {Temperature})");
        if (LeaseTimeoutMs < 1) throw new ArgumentException($"coordinator.leaseTimeoutMs must be >= 1 (got {LeaseTimeoutMs})");
        if (CheckpointEvery < 1) throw new ArgumentException($"coordinator.checkpointEvery must be >= 1 (got {CheckpointEvery})");
        Curriculum.Validate();
        Schedule.Validate("grpo");
    }
}

/// <summary>
/// The training anchors of a stage in a fixed, seeded order: <c>Take(stage, position, n)</c> is always the same
/// n anchors, so the sampler's durable state is one position per stage.
/// </summary>
public interface IAnchorSource
{
    Protocol.AnchorRef[] Take(int stageIndex, long position, int count);
}
