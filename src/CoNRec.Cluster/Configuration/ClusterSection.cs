using System.Globalization;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Where the training process listens for other nodes and how many rollout and reward workers it runs itself. The
/// defaults are a single process: a free port nobody needs to know, one worker of each kind. With a fixed
/// <see cref="Port"/>, <c>conrec node</c> processes join through HOSTNAME:PORT and take leases like local workers;
/// with no local workers (0) all that work comes from them. Changes neither what is trained nor how, so a resumed run
/// may change it (<see cref="ConfigFingerprint.ResumableSections"/>).
/// </summary>
public sealed record ClusterSection
{
    /// <summary>The address other nodes reach the training process at.</summary>
    public string Hostname { get; init; } = "localhost";

    /// <summary>The remoting port; 0 picks a free one (no other node can join without knowing it).</summary>
    public int Port { get; init; }

    /// <summary>Rollout workers in the training process, each with its own device thread; 0: joined nodes roll out.</summary>
    public int RolloutWorkers { get; init; } = 1;

    /// <summary>Reward workers in the training process; 0: joined nodes score.</summary>
    public int RewardWorkers { get; init; } = 1;

    /// <summary>
    /// Data-parallel learners of a run submitted to a cluster (<c>conrec submit</c>): each learns its share of every step's
    /// groups and they sum their gradients over the data plane, so all hold the same weights. <c>conrec train</c> has one.
    /// </summary>
    public int Learners { get; init; } = 1;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Hostname)) throw new ArgumentException("cluster.hostname must be set");
        if (Port is < 0 or > 65535) throw new ArgumentException(Inv($"cluster.port must be in [0, 65535] (got {Port})"));
        if (RolloutWorkers < 0) throw new ArgumentException(Inv($"cluster.rolloutWorkers must be >= 0 (got {RolloutWorkers})"));
        if (RewardWorkers < 0) throw new ArgumentException(Inv($"cluster.rewardWorkers must be >= 0 (got {RewardWorkers})"));
        if (Learners < 1) throw new ArgumentException(Inv($"cluster.learners must be >= 1 (got {Learners})"));
    }

    /// <summary>The training node: every role (the coordinator and the learner live here), at this host and port.</summary>
    public ClusterNodeOptions ToNodeOptions(ClusterNodeOptions? template = null) =>
        (template ?? ClusterNodeOptions.SingleProcess) with { Roles = RoleNames.All, Hostname = Hostname, Port = Port };

    static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
