using CoNRec.Cluster.Roles;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;

namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// The coordinator's anchors: one <see cref="GrpoSampler"/> per curriculum stage (the stage's eligible anchors
/// in a seeded order), so <c>Take(stage, position, n)</c> is always the same n anchors and a stage's cursor is
/// one number. Thread-safe (the samplers are positioned under a lock).
/// </summary>
public sealed class SamplerAnchors : IAnchorSource
{
    readonly GrpoSampler[] _samplers;
    readonly Lock _lock = new();

    public SamplerAnchors(GrpoData data, CurriculumOptions curriculum, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(curriculum);
        _samplers = [.. curriculum.Validate().Stages.Select(stage => GrpoSampler.ForStage(data.Tasks, data.Rewards, stage, seed))];
    }

    public AnchorRef[] Take(int stageIndex, long position, int count)
    {
        if ((uint)stageIndex >= (uint)_samplers.Length)
            throw new ArgumentOutOfRangeException(nameof(stageIndex), stageIndex, $"the curriculum has {_samplers.Length} stages");
        lock (_lock)
        {
            var sampler = _samplers[stageIndex];
            sampler.Position = position;
            return [.. sampler.Next(count).Anchors.Select(GrpoData.AnchorRefOf)];
        }
    }
}
