using System.Globalization;
using System.Text.Json.Serialization;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Grpo;
using CoNRec.Core.Optimization;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Progressive GRPO: the update rule (<see cref="GrpoOptions"/>, whose settings sit directly in this section, e.g.
/// <c>grpo.clipLow</c>) and the loop's shape. Each step leases <see cref="GroupsPerStep"/> groups of
/// <see cref="AnchorsPerGroup"/> prompts and samples each prompt <see cref="GroupSize"/> times. The KL weight beta
/// is not here: it is set per stage (<c>curriculum.stages[i].beta</c>).
/// </summary>
public sealed record GrpoSection
{
    /// <summary>The GrpoOptions settings other than beta, written flat into this section.</summary>
    public static IReadOnlyList<string> ExcludedUpdateSettings { get; } = [nameof(GrpoOptions.Beta), nameof(GrpoOptions.NormalizeAdvantageByStd)];

    [JsonIgnore] public GrpoOptions Update { get; init; } = new();

    public int GroupsPerStep { get; init; } = 4;
    public int AnchorsPerGroup { get; init; } = 8;

    /// <summary>G: completions sampled per prompt.</summary>
    public int GroupSize { get; init; } = 8;

    /// <summary>Peak AdamW learning rate after warm-up; cosine decay to <see cref="MinLearningRateRatio"/> x peak at the last step.</summary>
    public double LearningRate { get; init; } = 1e-4;

    public int WarmupSteps { get; init; } = 4;
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>Commit a policy checkpoint every this many steps (and at the end of each stage).</summary>
    public int CheckpointEvery { get; init; } = 10;

    /// <summary>A leased group not returned within this time is issued again (a worker may have died).</summary>
    public long LeaseTimeoutMs { get; init; } = 60_000;

    [JsonIgnore] public int SamplesPerStep => GroupsPerStep * AnchorsPerGroup;

    /// <summary>Steps a stage takes: its budget over the samples a step consumes, rounded up (the last batch may overshoot).</summary>
    public int StepsFor(CurriculumStage stage) => (int)((stage.SampleBudget + (long)SamplesPerStep - 1) / SamplesPerStep);

    /// <summary>Steps the whole curriculum takes.</summary>
    public int TotalSteps(CurriculumOptions curriculum) => curriculum.Stages.Sum(StepsFor);

    /// <summary>One warm-up and cosine decay over every GRPO step of the curriculum.</summary>
    public LearningRateSchedule Schedule(CurriculumOptions curriculum) =>
        new(LearningRate, WarmupSteps, Math.Max(1, TotalSteps(curriculum)), MinLearningRateRatio);

    public void Validate()
    {
        if (Update is null) throw new ArgumentException("grpo must be an object of GRPO settings");
        Update.Validate();
        if (GroupsPerStep < 1) throw Bad("grpo.groupsPerStep must be >= 1", GroupsPerStep);
        if (AnchorsPerGroup < 1) throw Bad("grpo.anchorsPerGroup must be >= 1", AnchorsPerGroup);
        if (GroupSize < 2) throw Bad("grpo.groupSize must be >= 2 (a group-normalised advantage needs two completions)", GroupSize);
        if (CheckpointEvery < 1) throw Bad("grpo.checkpointEvery must be >= 1", CheckpointEvery);
        if (LeaseTimeoutMs < 1) throw Bad("grpo.leaseTimeoutMs must be >= 1", LeaseTimeoutMs);
        new LearningRateSchedule(LearningRate, WarmupSteps, 1, MinLearningRateRatio).Validate("grpo");
        if (!double.IsFinite(LearningRate)) throw Bad("grpo.learningRate must be finite", LearningRate);
    }

    static ArgumentException Bad(string rule, double value) => new($"{rule} (got {value.ToString(CultureInfo.InvariantCulture)})");
}
