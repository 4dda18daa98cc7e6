using System.Diagnostics;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;

namespace CoNRec.Cluster.Rollout;

/// <summary>
/// A rollout worker's policy replica and what it does with it; lives on the worker's device thread (every call
/// comes from there). Starts from the warm-up weights as version 0 and loads another version from the data plane
/// when a lease names one it does not hold.
/// </summary>
public sealed class RolloutEngine : IDisposable
{
    readonly GrpoData _data;
    readonly PolicyModel _policy;

    RolloutEngine(GrpoData data, PolicyModel policy) => (_data, _policy) = (data, policy);

    /// <summary>The policy version this replica holds.</summary>
    public long PolicyVersion { get; private set; }

    /// <param name="device">Where the replica runs: "cpu", "cuda" or "cuda:N".</param>
    public static RolloutEngine Load(GrpoData data, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(data);
        var policy = PolicyCheckpoint.LoadPretrained(data.PolicyFolder, c => c with { Device = device });
        policy.eval();
        return new RolloutEngine(data, policy);
    }

    /// <summary>G constrained samples per anchor's prompt with the lease's policy version, seed and temperature.</summary>
    public RolloutDone Generate(RolloutLease lease, string workerId)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var start = Stopwatch.GetTimestamp();
        if (lease.PolicyVersion != PolicyVersion)
        {
            PolicyWeights.LoadInto(_policy, lease.Policy);
            PolicyVersion = lease.PolicyVersion;
        }
        var prompts = _data.Prompts(lease.Anchors, GrpoData.ContextOf(lease.Context));
        var batch = RolloutPhase.Generate(_policy, _data.Trie, prompts, lease.GroupSize, lease.Temperature, lease.Seed);
        return new RolloutDone(lease.Key, workerId, PolicyVersion, batch.Depth, batch.Tokens, batch.OldLogProbs, batch.Items,
            Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    public void Dispose() => _policy.Dispose();
}
