using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Reward;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Protocol;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Reward;

public sealed class RewardWorkerTests(TinyWorld world) : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing")), IClassFixture<TinyWorld>
{
    [Fact]
    public void A_scoring_lease_comes_back_with_the_scorers_rewards_for_every_row()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(RewardWorker.Props(coordinator.Ref, world.Data, Logger.None), "reward-1");
        var anchors = world.Anchors(2);
        int[] items = [0, 5, 9, 31, 1, 2, 3, 4];

        var wanted = coordinator.ExpectMsg<ScoringWanted>();
        coordinator.Reply(new ScoringLease(new WorkKey("run-test", 4, 1), 0, anchors, GroupSize: 4, items, long.MaxValue));
        var done = coordinator.ExpectMsg<ScoringDone>();

        Assert.Equal(wanted.WorkerId, done.WorkerId);
        Assert.Equal(new WorkKey("run-test", 4, 1), done.Key);
        for (var row = 0; row < items.Length; row++)
            Assert.Equal(world.Data.Scorer.Score(GrpoData.RewardAnchorOf(anchors[row / 4]), items[row]), done.Rewards[row]);
        Assert.All(done.Weights, w => Assert.Equal(1f, w));
        coordinator.ExpectMsg<ScoringWanted>();
    }

    [Fact]
    public void A_lease_with_the_wrong_number_of_items_is_reported_failed()
    {
        var coordinator = CreateTestProbe();
        Sys.ActorOf(RewardWorker.Props(coordinator.Ref, world.Data, Logger.None));

        coordinator.ExpectMsg<ScoringWanted>();
        coordinator.Reply(new ScoringLease(new WorkKey("run-test", 4, 2), 0, world.Anchors(2), GroupSize: 4, [1, 2, 3], long.MaxValue));
        var failed = coordinator.ExpectMsg<WorkFailed>();

        Assert.Equal(2, failed.Group);
        Assert.Contains("3 items for 2 anchors", failed.Reason);
    }
}
