using Akka.TestKit;
using CoNRec.Cluster.Benchmarks.Capacity;
using CoNRec.Cluster.Hocon;
using CoNRec.Core.Protocol;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Roles;

/// <summary>The pull loop's answer to a nudge, with a probe as the coordinator and the model-free rollout worker.</summary>
public sealed class PullingWorkerTests() : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing"))
{
    // Far longer than any test: an ask that comes is the nudge's, never the retry timer's.
    static readonly NoWork NothingForAMinute = new(60_000);

    static RolloutLease Lease() => new(new WorkKey("run", 1, 0), 0, "Negatives", [new AnchorRef(1, 0, 1, 0)], 2, 1.0, 7, 0,
        new ArtifactRef("file:///p/v0", "00", 1), long.MaxValue);

    [Fact]
    public void A_worker_waiting_out_no_work_asks_at_once_when_nudged()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(SimulatedRolloutWorker.Props(coordinator.Ref, depth: 2, Logger.None));
        coordinator.ExpectMsg<RolloutWanted>();
        coordinator.Reply(NothingForAMinute);

        coordinator.Reply(new WorkReady("run"));
        var asked = coordinator.ExpectMsg<RolloutWanted>();

        Assert.StartsWith("akka://", asked.WorkerId);
    }

    [Fact]
    public void A_nudge_while_the_worker_is_still_asking_is_ignored()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(SimulatedRolloutWorker.Props(coordinator.Ref, depth: 2, Logger.None));
        coordinator.ExpectMsg<RolloutWanted>();

        coordinator.Reply(new WorkReady("run"));
        coordinator.Reply(NothingForAMinute);
        coordinator.Reply(new WorkReady("run"));
        coordinator.ExpectMsg<RolloutWanted>();
        coordinator.Reply(Lease());
        var done = coordinator.ExpectMsg<IConrecMessage>();

        // Had the first nudge been taken, an extra ask would come before the lease's result.
        Assert.IsType<RolloutDone>(done);
        coordinator.ExpectMsg<RolloutWanted>();
    }
}
