using Akka.Actor;
using Akka.TestKit;
using CoNRec.Cluster.Coordinator;
using CoNRec.Cluster.Hocon;
using CoNRec.Core.Coordination;
using CoNRec.Core.Protocol;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Tests.Coordinator;

/// <summary>The coordinator actor's wiring, with probes as workers and learner (the decisions are tested in Core).</summary>
public sealed class CoordinatorActorTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing"))
{
    static RolloutDone Rolled(RolloutLease lease, string worker, int marker = 0) =>
        new(lease.Key, worker, lease.PolicyVersion, 1, [.. Enumerable.Repeat(marker, lease.Anchors.Length * lease.GroupSize)],
            new float[lease.Anchors.Length * lease.GroupSize], [.. Enumerable.Range(0, lease.Anchors.Length * lease.GroupSize)], 0.5);

    static ScoringDone Scored(ScoringLease lease, string worker) =>
        new(lease.Key, worker, [.. lease.Items.Select(i => (float)i)], [.. lease.Items.Select(_ => 1f)], 0.25);

    static T Ask<T>(TestProbe worker, IActorRef coordinator, IConrecMessage want) where T : IConrecMessage
    {
        worker.Send(coordinator, want);
        return worker.ExpectMsg<T>();
    }

    /// <summary>
    /// A probe as a worker that asks only when the test says: the coordinator's nudges to an idle worker (WorkReady,
    /// covered by <see cref="CoordinatorIdleWorkerTests"/>) are ignored.
    /// </summary>
    TestProbe Worker()
    {
        var probe = CreateTestProbe();
        probe.IgnoreMessages<WorkReady>();
        return probe;
    }

    /// <summary>One worker of each kind rolls out and scores every group of the current step.</summary>
    static void CollectStep(TestProbe rollout, TestProbe reward, IActorRef coordinator)
    {
        while (true)
        {
            rollout.Send(coordinator, new RolloutWanted("r1", 0));
            if (rollout.ExpectMsg<IConrecMessage>() is not RolloutLease lease) break;
            rollout.Send(coordinator, Rolled(lease, "r1"));
        }
        while (true)
        {
            reward.Send(coordinator, new ScoringWanted("s1"));
            if (reward.ExpectMsg<IConrecMessage>() is not ScoringLease lease) break;
            reward.Send(coordinator, Scored(lease, "s1"));
        }
    }

    [Fact]
    public async Task A_lease_goes_to_the_worker_that_asked_and_a_scored_step_to_the_learner()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref));
        var rollout = CreateTestProbe();
        var reward = CreateTestProbe();
        var other = CreateTestProbe();

        var lease = Ask<RolloutLease>(rollout, coordinator, new RolloutWanted("r1", 0));
        var second = Ask<RolloutLease>(other, coordinator, new RolloutWanted("r2", 0));
        Ask<NoWork>(rollout, coordinator, new RolloutWanted("r1", 0));
        rollout.Send(coordinator, Rolled(lease, "r1"));
        other.Send(coordinator, Rolled(second, "r2"));
        CollectStep(rollout, reward, coordinator);
        var step = learner.ExpectMsg<LearnStep>();

        Assert.Equal(fixture.Run.Value, lease.Key.RunId);
        Assert.Equal(1, lease.Key.Step);
        Assert.NotEqual(lease.Key.Group, second.Key.Group);
        Assert.Equal(CoordinatorFixture.Policy0, lease.Policy);
        Assert.Equal(1, step.Step);
        Assert.Equal([0, 1, 2, 3], step.Groups.SelectMany(g => g.Anchors).Select(a => a.User));
    }

    [Fact]
    public async Task An_expired_lease_is_re_issued_and_the_late_result_is_dropped()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref, leaseTimeoutMs: 200));
        var slow = CreateTestProbe();
        var fast = CreateTestProbe();
        var reward = CreateTestProbe();

        var first = Ask<RolloutLease>(slow, coordinator, new RolloutWanted("slow", 0));
        var other = Ask<RolloutLease>(fast, coordinator, new RolloutWanted("fast", 0));
        fast.Send(coordinator, Rolled(other, "fast", marker: 2));
        var reissued = AwaitReissue(fast, coordinator);
        fast.Send(coordinator, Rolled(reissued, "fast", marker: 2));
        slow.Send(coordinator, Rolled(first, "slow", marker: 1));
        CollectStep(fast, reward, coordinator);
        var step = learner.ExpectMsg<LearnStep>();

        Assert.Equal(first.Key, reissued.Key);
        Assert.Equal(first.Seed, reissued.Seed);
        Assert.All(step.Groups, g => Assert.All(g.Tokens, t => Assert.Equal(2, t)));
    }

    /// <summary>Asks until the coordinator's tick has released the expired lease and leases it again.</summary>
    RolloutLease AwaitReissue(TestProbe worker, IActorRef coordinator)
    {
        RolloutLease? lease = null;
        AwaitAssert(() =>
        {
            worker.Send(coordinator, new RolloutWanted("fast", 0));
            lease = worker.ExpectMsg<IConrecMessage>() as RolloutLease;
            Assert.NotNull(lease);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(100));
        return lease!;
    }

    [Fact]
    public async Task The_coordinator_publishes_what_it_granted_and_accepted_and_its_hand_off_time()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var counters = new CoordinatorCounters();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref, counters: counters));
        var rollout = Worker();
        var reward = Worker();

        var lease = Ask<RolloutLease>(rollout, coordinator, new RolloutWanted("r1", 0));
        rollout.Send(coordinator, Rolled(lease, "r1"));
        rollout.Send(coordinator, Rolled(lease, "r1"));
        CollectStep(rollout, reward, coordinator);
        var learn = learner.ExpectMsg<LearnStep>();
        var collected = counters.Read();
        learner.Reply(new StepLearned(learn.RunId, learn.Step, 1, new ArtifactRef("file:///p/v1", "ab", 2), []));
        var next = Ask<RolloutLease>(rollout, coordinator, new RolloutWanted("r1", 1));

        Assert.Equal(new CoordinatorTally(RolloutLeases: 2, ScoringLeases: 2, RolloutsAccepted: 2, ScoresAccepted: 2, LeasesReleased: 0, StepsLearned: 0), collected);
        Assert.Equal(1, counters.Read().StepsLearned);
        Assert.Equal(3, counters.Read().RolloutLeases);
        Assert.Equal(2, counters.Step);
        Assert.Equal(2, next.Key.Step);
        Assert.True(counters.HandOff > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_dead_worker_gives_its_lease_back_at_once()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref));
        var doomed = CreateTestProbe();
        var survivor = CreateTestProbe();
        var lease = Ask<RolloutLease>(doomed, coordinator, new RolloutWanted("doomed", 0));
        Ask<RolloutLease>(survivor, coordinator, new RolloutWanted("survivor", 0));
        Ask<NoWork>(survivor, coordinator, new RolloutWanted("survivor", 0));

        Watch(doomed.Ref);
        Sys.Stop(doomed.Ref);
        ExpectTerminated(doomed.Ref);
        var reissued = AwaitReissueTo(survivor, coordinator);

        Assert.Equal(lease.Key, reissued.Key);
    }

    RolloutLease AwaitReissueTo(TestProbe worker, IActorRef coordinator)
    {
        RolloutLease? lease = null;
        AwaitAssert(() =>
        {
            worker.Send(coordinator, new RolloutWanted("survivor", 0));
            lease = worker.ExpectMsg<IConrecMessage>() as RolloutLease;
            Assert.NotNull(lease);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50));
        return lease!;
    }

    static readonly JoinableRun Joinable = new("{\"name\":\"joined\"}", "/shared/run/data.conrec", "/shared/run/sft-warmup/model");

    [Fact]
    public async Task A_joining_node_is_offered_the_run_with_its_config_dataset_and_warmup_bundle()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref, joinable: Joinable));
        var node = CreateTestProbe();

        var offer = Ask<RunOffer>(node, coordinator, new RunWanted("akka.tcp://conrec@node-a:4053"));

        Assert.Equal(new RunOffer(fixture.Run.Value, Finished: false, Joinable.ConfigJson, Joinable.DatasetPath, Joinable.WarmupBundle), offer);
    }

    [Fact]
    public async Task A_coordinator_without_a_joinable_run_leaves_joining_nodes_unanswered()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref));
        var node = CreateTestProbe();
        Ask<RolloutLease>(node, coordinator, new RolloutWanted("r1", 0));

        node.Send(coordinator, new RunWanted("akka.tcp://conrec@node-a:4053"));

        node.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task The_whole_run_is_recorded_in_the_store_and_its_starter_told()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref));
        var rollout = Worker();
        var reward = Worker();

        for (var step = 1; step <= 4; step++)
        {
            CollectStep(rollout, reward, coordinator);
            var learn = learner.ExpectMsg<LearnStep>();
            learner.Reply(new StepLearned(learn.RunId, learn.Step, learn.PolicyVersion + 1, new ArtifactRef($"file:///p/v{step}", "ab", 2), new() { ["kl"] = 0.01 * step }));
            if (step % 2 == 0)
            {
                var write = learner.ExpectMsg<WriteCheckpoint>();
                learner.Reply(new CheckpointWritten(write.RunId, write.Step, step, fixture.Checkpoint(write.Step)));
            }
        }
        var outcome = await fixture.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var steps = await fixture.Store.GetStepsAsync(fixture.Run);
        var stages = await fixture.Store.GetStagesAsync(fixture.Run);
        var checkpoints = await fixture.Store.ListCheckpointsAsync(fixture.Run);
        var run = await fixture.Store.GetRunAsync(fixture.Run);
        Assert.Equal([1L, 2, 3, 4], steps.Select(s => s.Step));
        Assert.Equal([1L, 2, 3, 4], steps.Select(s => s.PolicyVersion.Value));
        Assert.Equal([0, 0, 1, 1], steps.Select(s => s.StageIndex));
        Assert.Equal(1.0, steps[0].Metrics["timing_s/gen"], 6);    // two groups of 0.5 s each
        Assert.Equal(0.04, steps[3].Metrics["kl"], 6);
        Assert.All(stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal([8L, 8], stages.Select(s => s.SamplesDone));
        Assert.Equal([2L, 4], checkpoints.Select(c => c.Step));
        Assert.Equal(RunStatus.Completed, run!.Status);
        Assert.Equal(4, run.Cursor.Step);
        Assert.Equal(4, outcome.Steps);
        Assert.Equal(4, outcome.PolicyVersion);
        Assert.Equal(0.04, outcome.FinalMetrics["kl"], 6);
        Assert.IsType<NoWork>(Ask<NoWork>(rollout, coordinator, new RolloutWanted("r1", 4)));
    }

    [Fact]
    public async Task A_finished_run_is_offered_as_finished_so_that_joined_nodes_stop_their_workers()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref, joinable: Joinable));
        var (rollout, reward, node) = (Worker(), Worker(), CreateTestProbe());

        for (var step = 1; step <= 4; step++)
        {
            CollectStep(rollout, reward, coordinator);
            var learn = learner.ExpectMsg<LearnStep>();
            learner.Reply(new StepLearned(learn.RunId, learn.Step, learn.PolicyVersion + 1, new ArtifactRef($"file:///p/v{step}", "ab", 2), []));
            if (step % 2 != 0) continue;
            var write = learner.ExpectMsg<WriteCheckpoint>();
            learner.Reply(new CheckpointWritten(write.RunId, write.Step, step, fixture.Checkpoint(write.Step)));
        }
        await fixture.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var offer = Ask<RunOffer>(node, coordinator, new RunWanted("akka.tcp://conrec@node-a:4053"));

        Assert.True(offer.Finished);
        Assert.Equal(fixture.Run.Value, offer.RunId);
    }

    [Fact]
    public async Task A_failure_of_the_learner_fails_the_run()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref));

        CollectStep(CreateTestProbe(), CreateTestProbe(), coordinator);
        var learn = learner.ExpectMsg<LearnStep>();
        learner.Reply(new WorkFailed(learn.RunId, learn.Step, -1, "learner", "out of memory"));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Contains("out of memory", error.Message);
        await AwaitAssertAsync(async () => Assert.Equal(RunStatus.Failed, (await fixture.Store.GetRunAsync(fixture.Run))!.Status), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_group_that_fails_on_every_attempt_is_re_issued_then_fails_the_run_with_the_last_reason()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref, groupAttempts: 3));
        var worker = CreateTestProbe();
        const string reason = "http://learner:7070/policies/v1.safetensors: sha256 00 does not match the published 11";

        var first = Ask<RolloutLease>(worker, coordinator, new RolloutWanted("r1", 0));
        worker.Send(coordinator, new WorkFailed(first.Key.RunId, first.Key.Step, first.Key.Group, "r1", reason));
        var second = Ask<RolloutLease>(worker, coordinator, new RolloutWanted("r1", 0));
        worker.Send(coordinator, new WorkFailed(second.Key.RunId, second.Key.Step, second.Key.Group, "r1", reason));
        var third = Ask<RolloutLease>(worker, coordinator, new RolloutWanted("r1", 0));
        worker.Send(coordinator, new WorkFailed(third.Key.RunId, third.Key.Step, third.Key.Group, "r1", reason));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Completion.Task.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(first.Key, second.Key);
        Assert.Equal(first.Key, third.Key);
        Assert.Contains("failed 3 times (coordinator.groupAttempts)", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(reason, error.Message, StringComparison.Ordinal);
        await AwaitAssertAsync(async () => Assert.Equal(RunStatus.Failed, (await fixture.Store.GetRunAsync(fixture.Run))!.Status), TimeSpan.FromSeconds(5));
    }
}
