using System.Diagnostics;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;
using CoNRec.Model.Grpo;
using CoNRec.Model.Policy;

namespace CoNRec.Cluster.Rollout;

/// <summary>
/// A rollout worker's policy replica and what it does with it; lives on the worker's device thread (every call
/// comes from there). Starts from the warm-up weights as version 0 and loads another version when a lease names
/// one it does not hold, from a file the worker has already fetched and verified off this thread.
/// </summary>
public sealed class RolloutEngine : IDisposable
{
    readonly GrpoData _data;
    readonly PolicyModel _policy;

    RolloutEngine(GrpoData data, PolicyModel policy) => (_data, _policy) = (data, policy);

    /// <summary>The policy version this replica holds.</summary>
    public long PolicyVersion { get; private set; }

    /// <summary>The data-plane reference of the version held; null for the warm-up weights it started from.</summary>
    public ArtifactRef? Policy { get; private set; }

    /// <param name="device">Where the replica runs: "cpu", "cuda" or "cuda:N".</param>
    public static RolloutEngine Load(GrpoData data, string device = "cpu")
    {
        ArgumentNullException.ThrowIfNull(data);
        var policy = PolicyCheckpoint.LoadPretrained(data.PolicyFolder, c => c with { Device = device });
        policy.eval();
        return new RolloutEngine(data, policy);
    }

    /// <summary>G constrained samples per anchor's prompt with the lease's policy version, seed and temperature.</summary>
    /// <param name="policyFile">The lease's weights, fetched and checked against their sha256
    /// (<see cref="DataPlane.ArtifactFetcher"/>); needed only when the lease names a version this replica does not hold.</param>
    /// <exception cref="InvalidOperationException">The lease names another version and no file was given.</exception>
    /// <exception cref="InvalidDataException">The file does not fit the model.</exception>
    public RolloutDone Generate(RolloutLease lease, string workerId, string? policyFile = null)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var start = Stopwatch.GetTimestamp();
        if (lease.PolicyVersion != PolicyVersion)
        {
            if (policyFile is null)
                throw new InvalidOperationException($"lease of step {lease.Key.Step} names policy {lease.PolicyVersion}, the replica holds {PolicyVersion} and was given no file");
            PolicyWeights.LoadVerified(_policy, policyFile);
            PolicyVersion = lease.PolicyVersion;
            Policy = lease.Policy;
        }
        var prompts = _data.Prompts(lease.Anchors, GrpoData.ContextOf(lease.Context));
        var batch = RolloutPhase.Generate(_policy, _data.Trie, prompts, lease.GroupSize, lease.Temperature, lease.Seed);
        return new RolloutDone(lease.Key, workerId, PolicyVersion, batch.Depth, batch.Tokens, batch.OldLogProbs, batch.Items,
            Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    public void Dispose() => _policy.Dispose();
}
