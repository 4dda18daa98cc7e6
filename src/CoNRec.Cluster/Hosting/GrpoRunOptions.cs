using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Grpo;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Hosting;

/// <summary>Settings of a GRPO run hosted by this process (every role in its ActorSystem; other nodes may join it).</summary>
/// <param name="RunFolder">The run's data plane: published policies and checkpoints (served from here in HTTP mode).</param>
/// <param name="Grpo">The update's settings; Temperature must equal the plan's (the learner's ratio compares like with like).</param>
/// <param name="Node">Cluster settings; default: all roles, a free port on localhost, joining itself.</param>
/// <param name="Progress">Told after each recorded step (from the coordinator's thread), for a progress view.</param>
/// <param name="DataPlane">How weights travel; default: a shared directory (file:// URIs), as a single process needs.</param>
/// <param name="RolloutWorkers">Rollout workers in this process; 0: only workers of joined nodes roll out.</param>
/// <param name="RewardWorkers">Reward workers in this process; 0: only workers of joined nodes score.</param>
/// <param name="Joinable">What the coordinator offers nodes that join the cluster; null: they get no run.</param>
/// <param name="Learners">Data-parallel learners; more than one needs a hosting that assigns learners (a cluster).</param>
/// <param name="Hosting">Where the run's actors live; null: <see cref="Grpo.LocalGrpoHosting"/>, an ActorSystem of this process.</param>
public sealed record GrpoRunOptions(
    string RunFolder,
    GrpoOptions Grpo,
    string RunName = "grpo",
    int RolloutWorkers = 1,
    int RewardWorkers = 1,
    string Device = "cpu",
    double WeightDecay = 0,
    RetentionPolicy? Retention = null,
    PullOptions? Pull = null,
    ClusterNodeOptions? Node = null,
    IProgress<GrpoStepProgress>? Progress = null,
    DataPlaneSection? DataPlane = null,
    JoinableRun? Joinable = null,
    Grpo.IGrpoHosting? Hosting = null,
    int Learners = 1)
{
    public ClusterNodeOptions ClusterNode => Node ?? ClusterNodeOptions.SingleProcess;

    public DataPlaneSection DataPlaneSettings => DataPlane ?? new DataPlaneSection();

    public GrpoRunOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(RunFolder)) throw new ArgumentException("grpo.runFolder must be set");
        ArgumentNullException.ThrowIfNull(Grpo);
        Grpo.Validate();
        if (RolloutWorkers < 0) throw new ArgumentException($"cluster.rolloutWorkers must be >= 0 (got {RolloutWorkers})");
        if (RewardWorkers < 0) throw new ArgumentException($"cluster.rewardWorkers must be >= 0 (got {RewardWorkers})");
        (Retention ?? new RetentionPolicy()).Validate();
        Pull?.Validate();
        DataPlaneSettings.Validate();
        var node = ClusterNode.Validate();
        var missing = RoleNames.All.Except(node.Roles).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"cluster.roles: a single-process run takes every role; {string.Join(", ", missing)} missing");
        return this;
    }
}

/// <summary>How a GRPO run ended: its steps, the final policy version and its weights, and the last step's metrics.</summary>
/// <param name="Policy">The final version as the data plane names it (an http:// URI in HTTP mode, gone with the run's server).</param>
/// <param name="PolicyFile">The final version's file on this node, which published it; null at version 0, whose
/// weights are the warm-up folder's.</param>
public sealed record GrpoRunResult(RunId Run, long Steps, long PolicyVersion, ArtifactRef Policy, IReadOnlyDictionary<string, double> FinalMetrics,
    string? PolicyFile);
