using System.Text.Json.Serialization;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Runs;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Every setting of one training run (<c>conrec train --config run.yaml</c>): semantic IDs, alignment SFT, warm-up
/// SFT, the three GRPO stages and evaluation. Sections reuse the options records of Core and Model; a section the
/// file leaves out keeps that record's defaults. JSON and YAML files use the camelCase names below
/// (<see cref="RunConfigFile"/>); docs/run-config.md lists every setting.
/// </summary>
public sealed partial record RunConfig
{
    /// <summary>The run's name: a folder name and the run id's prefix.</summary>
    public string Name { get; init; } = "conrec-run";

    /// <summary>Seeds the GRPO anchor order and rollouts; sections keep their own seeds.</summary>
    public long Seed { get; init; } = 1;

    public DataSection Data { get; init; } = new();

    public SplitOptions Split { get; init; } = new();

    public RqVaeOptions Sid { get; init; } = new();

    public PolicySection Policy { get; init; } = new();

    public TaskOptions Tasks { get; init; } = new();

    /// <summary>Context understanding: SID-title translation and item-level alignment.</summary>
    public SftOptions AlignmentSft { get; init; } = new();

    /// <summary>Next-negative prediction with negatives-only context; its result is GRPO's frozen reference.</summary>
    public SftOptions WarmupSft { get; init; } = new();

    /// <summary>
    /// Mix the item-level alignment task into warm-up SFT (as replay), so that next-negative training does not
    /// overwrite what alignment SFT taught. Off by default: method.md's warm-up trains next-negative prediction alone.
    /// </summary>
    public bool WarmupReplaysAlignment { get; init; }

    /// <summary>What warm-up SFT (and the ablation's other warm-up) trains on.</summary>
    [JsonIgnore] public Pipeline.SftTasks WarmupTasks => WarmupReplaysAlignment ? Pipeline.SftTasks.NextNegativeWithAlignment : Pipeline.SftTasks.NextNegative;

    public GrpoSection Grpo { get; init; } = new();

    public RewardSection Reward { get; init; } = new();

    public CurriculumOptions Curriculum { get; init; } = new();

    public EvaluationOptions Evaluation { get; init; } = new();

    public StoreSection Store { get; init; } = new();

    public LoggingOptions Logging { get; init; } = new();

    public RetentionPolicy Retention { get; init; } = new();

    /// <summary>How policy weights and checkpoints travel between nodes: a shared directory or each node's HTTP server.</summary>
    public DataPlaneSection DataPlane { get; init; } = new();

    /// <summary>Where the training process listens for joining nodes and how many workers it runs itself.</summary>
    public ClusterSection Cluster { get; init; } = new();

    /// <summary>The GRPO loop's shape for the coordinator; <paramref name="runId"/> defaults to <see cref="Name"/>.</summary>
    public CoordinatorPlan ToCoordinatorPlan(string? runId = null) =>
        new(runId ?? Name, Curriculum, Grpo.Schedule(Curriculum), Grpo.GroupsPerStep, Grpo.AnchorsPerGroup, Grpo.GroupSize,
            Grpo.Update.Temperature, Seed, Grpo.LeaseTimeoutMs, Grpo.CheckpointEvery);

    /// <summary>Indented camelCase JSON, the format <see cref="RunConfigFile.Load"/> reads from *.json.</summary>
    public string ToJson() => RunConfigJson.Serialize(this);

    /// <summary>The same settings as YAML, the format <see cref="RunConfigFile.Load"/> reads from *.yaml.</summary>
    public string ToYaml() => JsonToYaml.Convert(RunConfigJson.SerializeToNode(this));

    /// <summary>
    /// sha256 (lower-case hex) of the canonical JSON without the sections a resumed run may change
    /// (<see cref="ConfigFingerprint.ResumableSections"/>).
    /// </summary>
    [JsonIgnore] public string Fingerprint => ConfigFingerprint.Of(this);
}
