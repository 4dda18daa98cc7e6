using System.Diagnostics;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Reward;

/// <summary>
/// Scores a lease's generated items against each anchor's future (method.md step 4) and weighs each prompt's
/// rows by the cross-stage up-weighting. Plain CPU work on read-only data: thread-safe.
/// </summary>
public sealed class RewardEngine(GrpoData data)
{
    public ScoringDone Score(ScoringLease lease, string workerId)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var start = Stopwatch.GetTimestamp();
        var g = lease.GroupSize;
        if (g < 1 || lease.Items.Length != lease.Anchors.Length * g)
            throw new ArgumentException($"scoring lease {lease.Key}: {lease.Items.Length} items for {lease.Anchors.Length} anchors x {g} samples", nameof(lease));
        var rewards = new float[lease.Items.Length];
        var weights = new float[lease.Items.Length];
        for (var p = 0; p < lease.Anchors.Length; p++)
        {
            var anchor = GrpoData.RewardAnchorOf(lease.Anchors[p]);
            var items = lease.Items.AsSpan(p * g, g);
            data.Scorer.Score(anchor, items, rewards.AsSpan(p * g, g));
            weights.AsSpan(p * g, g).Fill(data.Weighting?.WeightOf(anchor, items) ?? 1f);
        }
        return new ScoringDone(lease.Key, workerId, rewards, weights, Stopwatch.GetElapsedTime(start).TotalSeconds);
    }
}
