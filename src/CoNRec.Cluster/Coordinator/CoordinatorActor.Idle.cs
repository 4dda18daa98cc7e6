using Akka.Actor;
using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Coordinator;

// Idle workers: a worker answered NoWork is parked (per kind: rollout workers wait for pending groups, reward workers
// for rolled ones) until it asks again. When a decision adds waiting groups of a kind (a new step's groups, a released
// or expired lease, a group rolled and so scoreable), as many parked workers as groups were added are told WorkReady,
// oldest first, and un-parked: they ask at once instead of waiting out their retry-after, which otherwise adds to
// every step's time (the learner's update ends with every worker idle). Each decision costs two O(1) board counts.
// The NoWork retry-after stays as the safety net: a nudge is a hint sent at most once, and it is lost with a worker
// that dies between the nudge and its ask, or when another worker takes the group first and the nudged one parks again.
public sealed partial class CoordinatorActor
{
    readonly Dictionary<string, GroupStatus> _wants = new(StringComparer.Ordinal);
    readonly ParkedWorkers _idleRollout = new();
    readonly ParkedWorkers _idleScoring = new();

    /// <summary>A worker's message: it is not waiting for a nudge any more; an ask also says which groups it takes.</summary>
    void HeardFrom(string workerId, IConrecMessage message)
    {
        _idleRollout.Forget(workerId);
        _idleScoring.Forget(workerId);
        if (message is RolloutWanted) _wants[workerId] = GroupStatus.Pending;
        else if (message is ScoringWanted) _wants[workerId] = GroupStatus.Rolled;
    }

    /// <summary>The worker was answered NoWork: it waits for groups of the kind it asked for.</summary>
    void Parked(string workerId)
    {
        if (_wants.TryGetValue(workerId, out var wants)) IdleFor(wants).Park(workerId);
    }

    /// <summary>A lost worker is never nudged.</summary>
    void ForgetIdle(string workerId)
    {
        _idleRollout.Forget(workerId);
        _idleScoring.Forget(workerId);
        _wants.Remove(workerId);
    }

    /// <summary>After a decision: one nudge per group that started waiting, while parked workers last.</summary>
    void NudgeIdle(CoordinatorState before)
    {
        Nudge(_idleRollout, Waiting(_state, GroupStatus.Pending) - Waiting(before, GroupStatus.Pending));
        Nudge(_idleScoring, Waiting(_state, GroupStatus.Rolled) - Waiting(before, GroupStatus.Rolled));
    }

    void Nudge(ParkedWorkers parked, int added)
    {
        while (added > 0 && parked.TakeOldest() is { } workerId)
        {
            if (!_workers.TryGetValue(workerId, out var worker)) continue;
            worker.Tell(new WorkReady(_run.Value));
            added--;
        }
    }

    ParkedWorkers IdleFor(GroupStatus wants) => wants == GroupStatus.Pending ? _idleRollout : _idleScoring;

    /// <summary>Groups a worker asking now could lease: none outside Collecting, as the decisions answer.</summary>
    static int Waiting(CoordinatorState state, GroupStatus status) => state.Phase == RunPhase.Collecting ? state.Groups.CountWaiting(status) : 0;
}
