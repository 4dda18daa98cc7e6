using CoNRec.Core.Protocol;

namespace CoNRec.Core.Coordination;

/// <summary>
/// The coordinator's decisions as one pure function: (state, input) -> (state, effects). The loop it drives:
/// lease pending groups to rollout workers -> lease rolled groups to reward workers -> when every group is scored,
/// send the step to the learner -> record the step, advance the curriculum -> every CheckpointEvery steps (and at
/// the end) ask for a checkpoint and commit it -> next step. Results are matched to the current step and to the
/// group's status, so a late, duplicate or re-issued result is dropped and no step counts anything twice.
/// </summary>
public static class CoordinatorDecisions
{
    // An idle worker asks again this soon unless the coordinator actor's WorkReady nudge comes first (it does when
    // groups of the worker's kind start waiting). This is the safety net for a nudge that is lost (its worker died
    // before asking, another took the group): kept short, since a lost nudge then costs a step at most this much,
    // and an idle ask is a few hundred bytes on loopback or the cluster.
    const int RetryAfterMs = 20;

    public static Decision Decide(CoordinatorState state, CoordinatorInput input, IAnchorSource anchors) => input switch
    {
        MessageArrived { Message: RolloutWanted want } => LeaseRollout(state, want, input.NowMs),
        MessageArrived { Message: RolloutDone done } => AcceptRollout(state, done),
        MessageArrived { Message: ScoringWanted want } => LeaseScoring(state, want, input.NowMs),
        MessageArrived { Message: ScoringDone done } => AcceptScores(state, done),
        MessageArrived { Message: StepLearned learned } => AcceptStep(state, learned, anchors),
        MessageArrived { Message: CheckpointWritten written } => AcceptCheckpoint(state, written, anchors),
        MessageArrived { Message: var other } => new(state, [new Note("Warning", $"unexpected message {other.GetType().Name} ignored")]),
        Tick tick => Release(state, g => g.IsLeased && g.DeadlineMs <= tick.NowMs, "lease expired"),
        WorkerLost lost => Release(state, g => g.IsLeased && g.Worker == lost.WorkerId, $"worker {lost.WorkerId} lost"),
        _ => throw new ArgumentException($"unknown coordinator input {input.GetType().Name}", nameof(input)),
    };

    static Decision LeaseRollout(CoordinatorState s, RolloutWanted want, long now)
    {
        var index = s.Phase == RunPhase.Collecting ? s.Groups.FirstWaiting(GroupStatus.Pending) : -1;
        if (index < 0) return new(s, [new ReplyToWorker(want.WorkerId, new NoWork(RetryAfterMs))]);
        var group = s.Groups[index];
        var leased = group with { Status = GroupStatus.Rolling, Worker = want.WorkerId, DeadlineMs = now + s.Plan.LeaseTimeoutMs, Attempts = group.Attempts + 1 };
        var stage = s.Curriculum.Stage;
        var lease = new RolloutLease(Key(s, group.Group), stage.Index, stage.Context.ToString(), group.Anchors, s.Plan.GroupSize, s.Plan.Temperature,
            SampleSeed(s, group.Group), s.PolicyVersion, s.Policy, leased.DeadlineMs);
        var tally = s.Tally with { RolloutLeases = s.Tally.RolloutLeases + 1 };
        return new(s with { Groups = s.Groups.With(leased), Tally = tally }, [new ReplyToWorker(want.WorkerId, lease)]);
    }

    static Decision AcceptRollout(CoordinatorState s, RolloutDone done)
    {
        if (!Current(s, done.Key, GroupStatus.Rolling, out var index)) return Stale(s, "rollout", done.Key, done.WorkerId);
        var group = s.Groups[index];
        var rolled = group with { Status = GroupStatus.Rolled, Worker = null, DeadlineMs = 0, Rollout = done };
        return new(s with { Groups = s.Groups.With(rolled), Tally = s.Tally with { RolloutsAccepted = s.Tally.RolloutsAccepted + 1 } }, []);
    }

    static Decision LeaseScoring(CoordinatorState s, ScoringWanted want, long now)
    {
        var index = s.Phase == RunPhase.Collecting ? s.Groups.FirstWaiting(GroupStatus.Rolled) : -1;
        if (index < 0) return new(s, [new ReplyToWorker(want.WorkerId, new NoWork(RetryAfterMs))]);
        var group = s.Groups[index];
        var leased = group with { Status = GroupStatus.Scoring, Worker = want.WorkerId, DeadlineMs = now + s.Plan.LeaseTimeoutMs };
        var lease = new ScoringLease(Key(s, group.Group), s.StageIndex, group.Anchors, s.Plan.GroupSize, group.Rollout!.Items, leased.DeadlineMs);
        var tally = s.Tally with { ScoringLeases = s.Tally.ScoringLeases + 1 };
        return new(s with { Groups = s.Groups.With(leased), Tally = tally }, [new ReplyToWorker(want.WorkerId, lease)]);
    }

    static Decision AcceptScores(CoordinatorState s, ScoringDone done)
    {
        if (!Current(s, done.Key, GroupStatus.Scoring, out var index)) return Stale(s, "scores", done.Key, done.WorkerId);
        var groups = s.Groups.With(s.Groups[index] with { Status = GroupStatus.Scored, Worker = null, DeadlineMs = 0, Scores = done });
        var next = s with { Groups = groups, Tally = s.Tally with { ScoresAccepted = s.Tally.ScoresAccepted + 1 } };
        if (!groups.AllScored) return new(next, []);

        var stage = s.Curriculum.Stage;
        var scored = groups.Select(g => new ScoredGroup(g.Group, g.Anchors, g.Rollout!.Depth, g.Rollout.Tokens, g.Rollout.LogProbs, g.Rollout.Items,
            g.Scores!.Rewards, g.Scores.Weights)).ToArray();
        var learn = new LearnStep(s.Plan.RunId, s.Step, stage.Index, stage.Context.ToString(), stage.Beta, s.Plan.Schedule.At(s.Step),
            s.Plan.GroupSize, s.PolicyVersion, scored);
        return new(next with { Phase = RunPhase.Learning }, [new SendToLearner(learn)]);
    }

    static Decision AcceptStep(CoordinatorState s, StepLearned learned, IAnchorSource anchors)
    {
        if (s.Phase != RunPhase.Learning || learned.RunId != s.Plan.RunId || learned.Step != s.Step)
            return new(s, [new Note("Debug", $"stale step result {learned.Step} dropped (at step {s.Step}, {s.Phase})")]);
        var stageIndex = s.StageIndex;
        var advanced = s.Curriculum.Advance(s.Plan.SamplesPerStep);
        List<CoordinatorEffect> effects = [new RecordStep(s.Step, stageIndex, learned.PolicyVersion, s.Plan.SamplesPerStep, learned.Metrics)];
        foreach (var e in advanced.Events)
        {
            if (e is Curriculum.StageCompleted c) effects.Add(new StageTransition(c.Stage, Started: false));
            if (e is Curriculum.StageStarted st) effects.Add(new StageTransition(st.Stage, Started: true));
        }
        var next = s with
        {
            Curriculum = advanced.State, PolicyVersion = learned.PolicyVersion, Policy = learned.Policy, Tally = s.Tally with { StepsLearned = s.Tally.StepsLearned + 1 },
        };
        var checkpointDue = advanced.State.Finished || s.Step % s.Plan.CheckpointEvery == 0 || advanced.Events.Count > 0;
        if (checkpointDue)
        {
            effects.Add(new SendToLearner(new WriteCheckpoint(s.Plan.RunId, s.Step, stageIndex)));
            return new(next with { Phase = RunPhase.Checkpointing }, effects);
        }
        return new(next.BeginStep(anchors, s.Step + 1), effects);
    }

    static Decision AcceptCheckpoint(CoordinatorState s, CheckpointWritten written, IAnchorSource anchors)
    {
        if (s.Phase != RunPhase.Checkpointing || written.RunId != s.Plan.RunId || written.Step != s.Step)
            return new(s, [new Note("Debug", $"stale checkpoint {written.Step} dropped (at step {s.Step}, {s.Phase})")]);
        List<CoordinatorEffect> effects = [new CommitCheckpoint(s.Step, s.StageIndex, written.PolicyVersion, written.Checkpoint, s.SamplerState())];
        if (s.Curriculum.Finished)
        {
            effects.Add(new RunCompleted(s.Step));
            return new(s with { Phase = RunPhase.Finished, Groups = GroupBoard.Empty }, effects);
        }
        return new(s.BeginStep(anchors, s.Step + 1), effects);
    }

    /// <summary>Leases taken back: one pass over the step's groups, once per tick or lost worker (not per message).</summary>
    static Decision Release(CoordinatorState s, Func<GroupWork, bool> lost, string why)
    {
        var groups = s.Groups;
        List<CoordinatorEffect> effects = [];
        foreach (var g in s.Groups)
        {
            if (!lost(g)) continue;
            effects.Add(new Note("Warning", $"step {s.Step} group {g.Group}: {why} ({g.Status} by {g.Worker}); re-issued"));
            groups = groups.With(g.Released());
        }
        if (effects.Count == 0) return new(s, []);
        return new(s with { Groups = groups, Tally = s.Tally with { LeasesReleased = s.Tally.LeasesReleased + effects.Count } }, effects);
    }

    static bool Current(CoordinatorState s, WorkKey key, GroupStatus expected, out int index)
    {
        index = -1;
        if (s.Phase != RunPhase.Collecting || key.RunId != s.Plan.RunId || key.Step != s.Step) return false;
        if ((uint)key.Group >= (uint)s.Groups.Count || s.Groups[key.Group].Status != expected) return false;
        index = key.Group;
        return true;
    }

    static Decision Stale(CoordinatorState s, string what, WorkKey key, string worker) =>
        new(s, [new Note("Debug", $"stale {what} for step {key.Step} group {key.Group} from {worker} dropped")]);

    static WorkKey Key(CoordinatorState s, int group) => new(s.Plan.RunId, s.Step, group);

    /// <summary>The sampling seed depends only on (run seed, step, group): a re-issued lease draws the same completions.</summary>
    static long SampleSeed(CoordinatorState s, int group) => Randomness.StableSeed.Mix((int)s.Plan.Seed, (int)s.Step, group);
}
