using System.Collections.Immutable;
using System.Text.Json;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Protocol;

namespace CoNRec.Core.Coordination;

public enum RunPhase
{
    /// <summary>Groups of the current step are being rolled out and scored.</summary>
    Collecting,

    /// <summary>Every group is scored; the learner is taking the step.</summary>
    Learning,

    /// <summary>The learner is writing a checkpoint; the next step waits for its commit.</summary>
    Checkpointing,
    Finished,
}

/// <summary>
/// Everything the coordinator decides from, immutable. Durable parts (step, curriculum, sampler positions, policy
/// version) are restored from the run store's latest checkpoint; in-flight groups are not: a coordinator that
/// restarts redoes the step after the checkpoint, and results of the old attempt are dropped as stale.
/// </summary>
public sealed record CoordinatorState(
    CoordinatorPlan Plan,
    RunPhase Phase,
    long Step,
    CurriculumState Curriculum,
    ImmutableArray<long> StagePositions,
    long PolicyVersion,
    ArtifactRef Policy,
    GroupBoard Groups)
{
    /// <summary>A fresh run at step 1 of stage 0, or one resumed from a committed checkpoint's cursor.</summary>
    public static CoordinatorState Start(CoordinatorPlan plan, IAnchorSource anchors, long lastCommittedStep, string? samplerState, long policyVersion, ArtifactRef policy)
    {
        plan.Validate();
        var (curriculum, positions) = samplerState is null
            ? (CurriculumState.Start(plan.Curriculum), ImmutableArray.CreateRange(new long[plan.Curriculum.Stages.Count]))
            : ParseSamplerState(samplerState, plan);
        var state = new CoordinatorState(plan, RunPhase.Collecting, lastCommittedStep, curriculum, positions, policyVersion, policy, GroupBoard.Empty);
        return curriculum.Finished ? state with { Phase = RunPhase.Finished } : state.BeginStep(anchors, lastCommittedStep + 1);
    }

    public int StageIndex => Curriculum.StageIndex;

    /// <summary>What this coordinator has done since it started (see <see cref="CoordinatorTally"/>).</summary>
    public CoordinatorTally Tally { get; init; }

    /// <summary>The curriculum and every stage's sampler position, as the run store keeps them.</summary>
    public string SamplerState() => JsonSerializer.Serialize(new StoredSampler(Curriculum.Serialize(), [.. StagePositions]));

    internal CoordinatorState BeginStep(IAnchorSource anchors, long step)
    {
        var stage = Curriculum.StageIndex;
        var position = StagePositions[stage];
        var groups = new GroupWork[Plan.GroupsPerStep];
        for (var g = 0; g < groups.Length; g++)
            groups[g] = new GroupWork(g, anchors.Take(stage, position + (long)g * Plan.AnchorsPerGroup, Plan.AnchorsPerGroup), GroupStatus.Pending);
        return this with
        {
            Phase = RunPhase.Collecting,
            Step = step,
            StagePositions = StagePositions.SetItem(stage, position + Plan.SamplesPerStep),
            Groups = GroupBoard.Of(groups),
        };
    }

    static (CurriculumState, ImmutableArray<long>) ParseSamplerState(string text, CoordinatorPlan plan)
    {
        var stored = JsonSerializer.Deserialize<StoredSampler>(text) ?? throw new FormatException("empty sampler state");
        if (stored.Positions.Length != plan.Curriculum.Stages.Count)
            throw new FormatException($"sampler state has {stored.Positions.Length} stage positions, the plan {plan.Curriculum.Stages.Count} stages");
        return (CurriculumState.Parse(stored.Curriculum, plan.Curriculum), [.. stored.Positions]);
    }

    sealed record StoredSampler(string Curriculum, long[] Positions);

    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"RunId = {Plan.RunId}, Phase = {Phase}, Step = {Step}, Stage = {StageIndex}, PolicyVersion = {PolicyVersion}, Groups = {Groups.Count}");
        return true;
    }
}
