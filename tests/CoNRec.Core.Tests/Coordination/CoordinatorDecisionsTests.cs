using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;
using CoNRec.Core.Protocol;

namespace CoNRec.Core.Tests.Coordination;

public sealed class CoordinatorDecisionsTests
{
    /// <summary>Anchor k of stage s is (user = 1000 s + k): easy to check which anchors a step took.</summary>
    sealed class CountingAnchors : IAnchorSource
    {
        public AnchorRef[] Take(int stageIndex, long position, int count) =>
            [.. Enumerable.Range(0, count).Select(i => new AnchorRef((int)(1000 * stageIndex + position + i), 0, 1, 0))];
    }

    static readonly IAnchorSource Anchors = new CountingAnchors();
    static readonly ArtifactRef Policy0 = new("file:///p/v0", "00", 1);

    // Two stages of 8 samples; a step is 2 groups x 2 anchors = 4 samples: 2 steps per stage, 4 in all.
    static readonly CoordinatorPlan Plan = new(
        "run-test",
        new CurriculumOptions { Stages = [new CurriculumStage(0, "grpo-1", StageContext.RecentNegatives, 8, 0.04), new CurriculumStage(1, "grpo-2", StageContext.Negatives, 8, 0.02)] },
        new LearningRateSchedule(1e-4, 0, 4),
        GroupsPerStep: 2, AnchorsPerGroup: 2, GroupSize: 2, LeaseTimeoutMs: 1_000, CheckpointEvery: 100);

    static CoordinatorState Fresh() => CoordinatorState.Start(Plan, Anchors, 0, null, 0, Policy0);

    static Decision Do(CoordinatorState s, IConrecMessage m, long now = 0) => CoordinatorDecisions.Decide(s, new MessageArrived(m, now), Anchors);

    static RolloutDone Rolled(RolloutLease lease, string worker) =>
        new(lease.Key, worker, lease.PolicyVersion, 1, new int[lease.Anchors.Length * lease.GroupSize], new float[lease.Anchors.Length * lease.GroupSize],
            [.. Enumerable.Range(0, lease.Anchors.Length * lease.GroupSize)], 0.1);

    static ScoringDone Scored(ScoringLease lease, string worker) =>
        new(lease.Key, worker, [.. lease.Items.Select(i => (float)i)], [.. lease.Items.Select(_ => 1f)], 0.1);

    /// <summary>Rolls out and scores every group of the current step with one worker of each kind.</summary>
    static (CoordinatorState State, List<CoordinatorEffect> Effects) CollectStep(CoordinatorState s)
    {
        var effects = new List<CoordinatorEffect>();
        while (true)
        {
            var ask = Do(s, new RolloutWanted("r1", s.PolicyVersion));
            if (((ReplyToWorker)ask.Effects[0]).Message is not RolloutLease lease) break;
            s = Do(ask.State, Rolled(lease, "r1")).State;
        }
        while (true)
        {
            var ask = Do(s, new ScoringWanted("w1"));
            if (((ReplyToWorker)ask.Effects[0]).Message is not ScoringLease lease) break;
            var done = Do(ask.State, Scored(lease, "w1"));
            s = done.State;
            effects.AddRange(done.Effects);
        }
        return (s, effects);
    }

    static StepLearned Learned(CoordinatorState s) => new(Plan.RunId, s.Step, s.PolicyVersion + 1, new ArtifactRef($"file:///p/v{s.PolicyVersion + 1}", "ab", 2), new() { ["kl"] = 0.01 });

    [Fact]
    public void A_step_goes_to_the_learner_once_every_group_is_scored()
    {
        var (s, effects) = CollectStep(Fresh());

        var learn = Assert.IsType<LearnStep>(Assert.IsType<SendToLearner>(Assert.Single(effects)).Message);
        Assert.Equal(RunPhase.Learning, s.Phase);
        Assert.Equal(1, learn.Step);
        Assert.Equal(0.04, learn.Beta);
        Assert.Equal(2, learn.Groups.Length);
        Assert.Equal([0, 1, 2, 3], learn.Groups.SelectMany(g => g.Anchors).Select(a => a.User));
    }

    [Fact]
    public void The_whole_curriculum_runs_with_stage_transitions_and_checkpoints_at_boundaries()
    {
        var s = Fresh();
        var log = new List<CoordinatorEffect>();
        while (s.Phase != RunPhase.Finished)
        {
            (s, var collected) = CollectStep(s);
            log.AddRange(collected);
            var learned = Do(s, Learned(s));
            log.AddRange(learned.Effects);
            s = learned.State;
            if (s.Phase == RunPhase.Checkpointing)
            {
                var written = Do(s, new CheckpointWritten(Plan.RunId, s.Step, s.PolicyVersion, new ArtifactRef($"file:///c/{s.Step}", "cc", 3)));
                log.AddRange(written.Effects);
                s = written.State;
            }
        }

        Assert.Equal([1L, 2, 3, 4], log.OfType<RecordStep>().Select(r => r.Step));
        Assert.Equal([0, 0, 1, 1], log.OfType<RecordStep>().Select(r => r.StageIndex));
        Assert.Equal([(0, false), (1, true), (1, false)], log.OfType<StageTransition>().Select(t => (t.StageIndex, t.Started)));
        Assert.Equal([2L, 4], log.OfType<CommitCheckpoint>().Select(c => c.Step));
        Assert.Equal(4, Assert.Single(log.OfType<RunCompleted>()).Steps);
        Assert.Equal(4, s.PolicyVersion);
        // Stage 2 starts at its own first anchor, whatever stage 1 consumed.
        Assert.Equal([1000, 1001, 1002, 1003], log.OfType<SendToLearner>().Select(e => e.Message).OfType<LearnStep>().Single(l => l.Step == 3).Groups.SelectMany(g => g.Anchors).Select(a => a.User));
    }

    [Fact]
    public void An_expired_lease_is_re_issued_and_the_late_duplicate_is_dropped()
    {
        var s = Fresh();
        var first = Do(s, new RolloutWanted("slow", 0), now: 0);
        var lease = (RolloutLease)((ReplyToWorker)first.Effects[0]).Message;
        s = CoordinatorDecisions.Decide(first.State, new Tick(NowMs: 5_000), Anchors).State;
        var again = Do(s, new RolloutWanted("fast", 0), now: 5_000);
        var reissued = (RolloutLease)((ReplyToWorker)again.Effects[0]).Message;

        s = Do(again.State, Rolled(reissued, "fast")).State;
        var late = Do(s, Rolled(lease, "slow"));

        Assert.Equal(lease.Key, reissued.Key);
        Assert.Equal(lease.Seed, reissued.Seed);
        Assert.Equal(2, s.Groups[0].Attempts);
        Assert.Same(s, late.State);
        Assert.IsType<Note>(Assert.Single(late.Effects));
    }

    [Fact]
    public void A_lost_worker_gives_its_leases_back_at_once()
    {
        var s = Fresh();
        s = Do(s, new RolloutWanted("gone", 0)).State;
        s = Do(s, new RolloutWanted("gone", 0)).State;

        var noWork = Do(s, new RolloutWanted("other", 0));
        var released = CoordinatorDecisions.Decide(s, new WorkerLost("gone", 10), Anchors);

        Assert.IsType<NoWork>(((ReplyToWorker)noWork.Effects[0]).Message);
        Assert.All(released.State.Groups, g => Assert.Equal(GroupStatus.Pending, g.Status));
        Assert.Equal(2, released.Effects.OfType<Note>().Count());
    }

    [Fact]
    public void A_stale_step_result_changes_nothing()
    {
        var (s, _) = CollectStep(Fresh());

        var stale = Do(s, new StepLearned(Plan.RunId, 7, 9, Policy0, []));
        var otherRun = Do(s, new StepLearned("run-other", s.Step, 9, Policy0, []));

        Assert.Same(s, stale.State);
        Assert.Same(s, otherRun.State);
    }

    [Fact]
    public void A_coordinator_restarted_from_a_committed_cursor_takes_the_same_anchors()
    {
        var s = Fresh();
        for (var step = 0; step < 2; step++)
        {
            (s, _) = CollectStep(s);
            s = Do(s, Learned(s)).State;
        }
        var commit = Do(s, new CheckpointWritten(Plan.RunId, s.Step, s.PolicyVersion, new ArtifactRef("file:///c/2", "cc", 3)));
        var cursor = Assert.IsType<CommitCheckpoint>(commit.Effects[0]);

        var restarted = CoordinatorState.Start(Plan, Anchors, cursor.Step, cursor.SamplerState, cursor.PolicyVersion, Policy0);

        Assert.Equal(commit.State.Step, restarted.Step);
        Assert.Equal(commit.State.StageIndex, restarted.StageIndex);
        Assert.Equal(commit.State.Groups.SelectMany(g => g.Anchors), restarted.Groups.SelectMany(g => g.Anchors));
    }

    [Fact]
    public void The_tally_counts_leases_and_accepted_results_but_not_dropped_ones()
    {
        var s = Fresh();
        var first = Do(s, new RolloutWanted("slow", 0), now: 0);
        var lease = (RolloutLease)((ReplyToWorker)first.Effects[0]).Message;
        s = CoordinatorDecisions.Decide(first.State, new Tick(NowMs: 5_000), Anchors).State;
        var again = Do(s, new RolloutWanted("fast", 0), now: 5_000);
        s = Do(again.State, Rolled((RolloutLease)((ReplyToWorker)again.Effects[0]).Message, "fast")).State;
        var beforeLate = s.Tally;
        s = Do(s, Rolled(lease, "slow")).State;
        var afterLate = s.Tally;
        (s, _) = CollectStep(s);
        s = Do(s, Learned(s)).State;

        Assert.Equal(beforeLate, afterLate);
        Assert.Equal(new CoordinatorTally(RolloutLeases: 3, ScoringLeases: 2, RolloutsAccepted: 2, ScoresAccepted: 2, LeasesReleased: 1, StepsLearned: 1), s.Tally);
        Assert.Equal(5, s.Tally.Leases);
        Assert.Equal(4, s.Tally.ResultsAccepted);
    }

    [Fact]
    public void A_step_of_thousands_of_groups_leases_each_once_and_re_issues_a_lost_workers_groups_lowest_first()
    {
        const int groups = 2_000;
        var plan = Plan with
        {
            GroupsPerStep = groups, AnchorsPerGroup = 1,
            Curriculum = new CurriculumOptions { Stages = [new CurriculumStage(0, "grpo-1", StageContext.Negatives, 10 * groups, 0.04)] },
        };
        var s = CoordinatorState.Start(plan, Anchors, 0, null, 0, Policy0);
        var leases = new List<RolloutLease>();
        for (var g = 0; g < groups; g++)
        {
            var ask = Do(s, new RolloutWanted(g % 2 == 0 ? "even" : "odd", 0));
            leases.Add((RolloutLease)((ReplyToWorker)ask.Effects[0]).Message);
            s = ask.State;
        }
        var lost = CoordinatorDecisions.Decide(s, new WorkerLost("odd", 0), Anchors);
        s = lost.State;
        var reissued = new List<int>();
        while (Do(s, new RolloutWanted("spare", 0)) is { Effects: [ReplyToWorker { Message: RolloutLease again }] } next)
        {
            reissued.Add(again.Key.Group);
            leases[again.Key.Group] = again;
            s = next.State;
        }
        foreach (var lease in Enumerable.Reverse(leases)) s = Do(s, Rolled(lease, lease.Key.Group % 2 == 0 ? "even" : "spare")).State;
        var effects = new List<CoordinatorEffect>();
        while (Do(s, new ScoringWanted("w1")) is { Effects: [ReplyToWorker { Message: ScoringLease scoring }] } ask)
        {
            var done = Do(ask.State, Scored(scoring, "w1"));
            s = done.State;
            effects.AddRange(done.Effects);
        }

        Assert.Equal([.. Enumerable.Range(0, groups)], leases.Select(l => l.Key.Group).Order());
        Assert.Equal(groups / 2, lost.Effects.Count);
        Assert.Equal([.. Enumerable.Range(0, groups).Where(g => g % 2 == 1)], reissued);
        var learn = Assert.IsType<LearnStep>(Assert.IsType<SendToLearner>(Assert.Single(effects)).Message);
        Assert.Equal([.. Enumerable.Range(0, groups)], learn.Groups.Select(g => g.Group));
        Assert.Equal(RunPhase.Learning, s.Phase);
        Assert.Equal(groups + groups / 2, s.Tally.RolloutLeases);
        Assert.Equal(2 * groups, s.Tally.ResultsAccepted);
    }

    [Fact]
    public void Invalid_plans_name_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => CoordinatorState.Start(Plan with { GroupSize = 1 }, Anchors, 0, null, 0, Policy0));
        Assert.Contains("grpo.groupSize", error.Message);
    }
}
