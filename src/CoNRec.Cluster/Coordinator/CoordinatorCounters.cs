using System.Diagnostics;
using CoNRec.Core.Coordination;

namespace CoNRec.Cluster.Coordinator;

/// <summary>
/// The coordinator's <see cref="CoordinatorTally"/>, step and hand-off time, published after every decision for
/// readers on other threads (a benchmark, a metrics exporter). Each field is read and written whole; a snapshot
/// taken while the coordinator publishes may mix two consecutive decisions, which is harmless for rates.
/// </summary>
public sealed class CoordinatorCounters
{
    long _rolloutLeases;
    long _scoringLeases;
    long _rolloutsAccepted;
    long _scoresAccepted;
    long _leasesReleased;
    long _stepsLearned;
    long _step;
    long _handOffTicks;
    // Written and read by the coordinator only.
    long _handOffSince;
    RunPhase _phase = RunPhase.Finished;

    /// <summary>The coordinator's current step (0 before it opened the run).</summary>
    public long Step => Volatile.Read(ref _step);

    /// <summary>
    /// Time between sending a step to the learner and granting the next step's first rollout lease (learner, run-store
    /// write, checkpoint, and workers coming back), summed over steps: while it runs no rollout work is handed out.
    /// </summary>
    public TimeSpan HandOff => Stopwatch.GetElapsedTime(0, Volatile.Read(ref _handOffTicks));

    public CoordinatorTally Read() => new(
        Volatile.Read(ref _rolloutLeases),
        Volatile.Read(ref _scoringLeases),
        Volatile.Read(ref _rolloutsAccepted),
        Volatile.Read(ref _scoresAccepted),
        Volatile.Read(ref _leasesReleased),
        Volatile.Read(ref _stepsLearned));

    /// <summary>Called by the coordinator only (one writer).</summary>
    internal void Publish(CoordinatorState state)
    {
        var tally = state.Tally;
        if (_phase == RunPhase.Collecting && state.Phase is RunPhase.Learning or RunPhase.Checkpointing)
            _handOffSince = Stopwatch.GetTimestamp();
        else if (_handOffSince != 0 && tally.RolloutLeases > _rolloutLeases)
        {
            Volatile.Write(ref _handOffTicks, _handOffTicks + (Stopwatch.GetTimestamp() - _handOffSince));
            _handOffSince = 0;
        }
        _phase = state.Phase;
        Volatile.Write(ref _rolloutLeases, tally.RolloutLeases);
        Volatile.Write(ref _scoringLeases, tally.ScoringLeases);
        Volatile.Write(ref _rolloutsAccepted, tally.RolloutsAccepted);
        Volatile.Write(ref _scoresAccepted, tally.ScoresAccepted);
        Volatile.Write(ref _leasesReleased, tally.LeasesReleased);
        Volatile.Write(ref _stepsLearned, tally.StepsLearned);
        Volatile.Write(ref _step, state.Step);
    }
}
