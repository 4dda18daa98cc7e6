using Akka.Actor;
using Akka.TestKit;
using CoNRec.Cluster.Hocon;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.Tests.Coordinator;

/// <summary>
/// Idle workers are nudged: a worker answered NoWork gets <see cref="WorkReady"/> when work of its kind appears, one
/// per group that started waiting, oldest parked first. Probes are the workers; the fixture's steps have 2 groups.
/// A probe's next message is asserted to be the lease it asked for, which proves no nudge was queued before it.
/// </summary>
public sealed class CoordinatorIdleWorkerTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing"))
{
    static RolloutDone Rolled(RolloutLease lease, string worker) =>
        new(lease.Key, worker, lease.PolicyVersion, 1, new int[lease.Anchors.Length * lease.GroupSize], new float[lease.Anchors.Length * lease.GroupSize],
            [.. Enumerable.Range(0, lease.Anchors.Length * lease.GroupSize)], 0.5);

    static ScoringDone Scored(ScoringLease lease, string worker) =>
        new(lease.Key, worker, [.. lease.Items.Select(i => (float)i)], [.. lease.Items.Select(_ => 1f)], 0.25);

    static T Ask<T>(TestProbe worker, IActorRef coordinator, IConrecMessage want) where T : IConrecMessage
    {
        worker.Send(coordinator, want);
        return worker.ExpectMsg<T>();
    }

    static WorkFailed Failed(RolloutLease lease, string worker) => new(lease.Key.RunId, lease.Key.Step, lease.Key.Group, worker, "test failure");

    [Fact]
    public async Task An_idle_rollout_worker_is_nudged_when_the_next_steps_groups_become_pending_and_a_reward_worker_when_one_is_rolled()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var learner = CreateTestProbe();
        var coordinator = Sys.ActorOf(fixture.Coordinator(learner.Ref));
        var (busy, idle, reward) = (CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var first = Ask<RolloutLease>(busy, coordinator, new RolloutWanted("r1", 0));
        var second = Ask<RolloutLease>(busy, coordinator, new RolloutWanted("r1", 0));
        Ask<NoWork>(idle, coordinator, new RolloutWanted("r2", 0));
        busy.Send(coordinator, Rolled(first, "r1"));
        busy.Send(coordinator, Rolled(second, "r1"));
        Ask<NoWork>(busy, coordinator, new RolloutWanted("r1", 0));
        for (var g = 0; g < 2; g++)
        {
            var scoring = Ask<ScoringLease>(reward, coordinator, new ScoringWanted("s1"));
            reward.Send(coordinator, Scored(scoring, "s1"));
        }
        Ask<NoWork>(reward, coordinator, new ScoringWanted("s1"));
        var learn = learner.ExpectMsg<LearnStep>();

        learner.Reply(new StepLearned(learn.RunId, learn.Step, 1, new ArtifactRef("file:///p/v1", "ab", 2), []));
        var idleNudge = idle.ExpectMsg<WorkReady>();
        var busyNudge = busy.ExpectMsg<WorkReady>();
        var next = Ask<RolloutLease>(idle, coordinator, new RolloutWanted("r2", 1));
        idle.Send(coordinator, Rolled(next, "r2"));
        var rewardNudge = reward.ExpectMsg<WorkReady>();
        var scored = Ask<ScoringLease>(reward, coordinator, new ScoringWanted("s1"));

        Assert.Equal(fixture.Run.Value, idleNudge.RunId);
        Assert.Equal(fixture.Run.Value, busyNudge.RunId);
        Assert.Equal(fixture.Run.Value, rewardNudge.RunId);
        Assert.Equal(2, next.Key.Step);
        Assert.Equal(next.Key, scored.Key);
    }

    [Fact]
    public async Task An_idle_worker_is_nudged_when_a_lease_it_could_take_is_released()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref));
        var (failing, idle) = (CreateTestProbe(), CreateTestProbe());
        var lease = Ask<RolloutLease>(failing, coordinator, new RolloutWanted("r1", 0));
        Ask<RolloutLease>(failing, coordinator, new RolloutWanted("r1", 0));
        Ask<NoWork>(idle, coordinator, new RolloutWanted("r2", 0));

        failing.Send(coordinator, Failed(lease, "r1"));
        var nudge = idle.ExpectMsg<WorkReady>();
        var taken = Ask<RolloutLease>(idle, coordinator, new RolloutWanted("r2", 0));

        Assert.Equal(fixture.Run.Value, nudge.RunId);
        Assert.Equal(lease.Key.Step, taken.Key.Step);
    }

    [Fact]
    public async Task No_more_workers_are_nudged_than_groups_started_waiting_oldest_parked_first()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref));
        var failing = CreateTestProbe();
        var parked = new[] { CreateTestProbe(), CreateTestProbe(), CreateTestProbe() };
        var lease = Ask<RolloutLease>(failing, coordinator, new RolloutWanted("r0", 0));
        Ask<RolloutLease>(failing, coordinator, new RolloutWanted("r0", 0));
        for (var i = 0; i < parked.Length; i++) Ask<NoWork>(parked[i], coordinator, new RolloutWanted($"r{i + 1}", 0));

        failing.Send(coordinator, Failed(lease, "r0"));
        parked[0].ExpectMsg<WorkReady>();
        parked[1].ExpectMsg<WorkReady>();
        var youngest = Ask<IConrecMessage>(parked[2], coordinator, new RolloutWanted("r3", 0));
        var oldest = Ask<IConrecMessage>(parked[0], coordinator, new RolloutWanted("r1", 0));
        var late = Ask<IConrecMessage>(parked[1], coordinator, new RolloutWanted("r2", 0));

        // Two groups went back, so two nudges; the youngest parked worker's next message is its answer, not a nudge.
        Assert.IsType<RolloutLease>(youngest);
        Assert.IsType<RolloutLease>(oldest);
        Assert.IsType<NoWork>(late);
    }

    [Fact]
    public async Task A_lost_worker_is_not_nudged_whether_it_was_parked_or_already_nudged()
    {
        await using var fixture = await CoordinatorFixture.CreateAsync();
        var coordinator = Sys.ActorOf(fixture.Coordinator(CreateTestProbe().Ref));
        var (holderA, holderB, nudged, lostParked, survivor, reward) =
            (CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        var leaseA = Ask<RolloutLease>(holderA, coordinator, new RolloutWanted("ra", 0));
        var leaseB = Ask<RolloutLease>(holderB, coordinator, new RolloutWanted("rb", 0));
        Ask<NoWork>(nudged, coordinator, new RolloutWanted("r1", 0));
        Ask<NoWork>(lostParked, coordinator, new RolloutWanted("r2", 0));
        Ask<NoWork>(survivor, coordinator, new RolloutWanted("r3", 0));
        holderA.Send(coordinator, Failed(leaseA, "ra"));
        nudged.ExpectMsg<WorkReady>();
        Lose(nudged, lostParked);
        HandledByCoordinator(reward, coordinator);

        holderB.Send(coordinator, Failed(leaseB, "rb"));
        var nudge = survivor.ExpectMsg<WorkReady>();

        // One group went back and the one nudge went past both lost workers to the parked survivor.
        Assert.Equal(fixture.Run.Value, nudge.RunId);
    }

    void Lose(params TestProbe[] workers)
    {
        foreach (var worker in workers)
        {
            Watch(worker.Ref);
            Sys.Stop(worker.Ref);
            ExpectTerminated(worker.Ref);
        }
    }

    /// <summary>
    /// Two round trips after the workers' deaths: the first is answered only after the coordinator took the death
    /// notifications (system messages come first), which queue its Terminated messages; the second after those.
    /// A reward worker asks, so the rollout workers' parking is left as it was.
    /// </summary>
    static void HandledByCoordinator(TestProbe reward, IActorRef coordinator)
    {
        Ask<NoWork>(reward, coordinator, new ScoringWanted("s1"));
        Ask<NoWork>(reward, coordinator, new ScoringWanted("s1"));
    }
}
