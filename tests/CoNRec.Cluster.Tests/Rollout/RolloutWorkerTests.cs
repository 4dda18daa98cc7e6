using Akka.Actor;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Rollout;
using CoNRec.Cluster.Tests.DataPlane;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Protocol;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Rollout;

public sealed class RolloutWorkerTests(TinyWorld world) : Akka.TestKit.Xunit2.TestKit(ConrecHocon.Load("serialization", "testing")), IClassFixture<TinyWorld>
{
    const int G = 4;
    static readonly ArtifactRef Warmup = new("file:///warmup", "00", 1);
    static readonly PullOptions Fast = new(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(10));

    RolloutLease Lease(int group, long version, ArtifactRef policy, AnchorRef[] anchors) =>
        new(new WorkKey("run-test", 1, group), 0, "Negatives", anchors, G, 1.0, Seed: 5, version, policy, DeadlineUnixMs: long.MaxValue);

    [Fact]
    public void A_worker_asks_again_after_no_work_and_returns_g_completions_per_anchor()
    {
        var coordinator = CreateTestProbe();
        var worker = Sys.ActorOf(RolloutWorker.Props(coordinator.Ref, world.Data, Logger.None, options: Fast), "rollout-1");
        var anchors = world.Anchors(3);

        var first = coordinator.ExpectMsg<RolloutWanted>(TimeSpan.FromSeconds(20));
        coordinator.Reply(new NoWork(RetryAfterMs: 10));
        coordinator.ExpectMsg<RolloutWanted>();
        coordinator.Reply(Lease(0, 0, Warmup, anchors));
        var done = coordinator.ExpectMsg<RolloutDone>(TimeSpan.FromSeconds(20));
        var again = coordinator.ExpectMsg<RolloutWanted>();

        Assert.Equal(0, first.LoadedPolicyVersion);
        Assert.EndsWith("/user/rollout-1", first.WorkerId);
        Assert.Equal(new WorkKey("run-test", 1, 0), done.Key);
        Assert.Equal(first.WorkerId, done.WorkerId);
        Assert.Equal(anchors.Length * G, done.Items.Length);
        Assert.Equal(anchors.Length * G * done.Depth, done.Tokens.Length);
        Assert.Equal(done.Tokens.Length, done.LogProbs.Length);
        Assert.All(done.LogProbs, lp => Assert.True(lp <= 0 && float.IsFinite(lp)));
        Assert.All(done.Items, item => Assert.InRange(item, 0, world.Data.ItemSids.Count - 1));
        Assert.Equal(first.WorkerId, again.WorkerId);
        Sys.Stop(worker);
    }

    [Fact]
    public void A_lease_naming_a_new_version_loads_its_weights_and_the_worker_reports_holding_it()
    {
        var coordinator = CreateTestProbe();
        var runFolder = world.NewFolder("rollout-version");
        ArtifactRef published;
        using (var other = world.NewPolicy(seed: 99))
            published = PolicyWeights.Publish(other, runFolder, version: 3);
        Sys.ActorOf(RolloutWorker.Props(coordinator.Ref, world.Data, Logger.None, options: Fast));

        coordinator.ExpectMsg<RolloutWanted>(TimeSpan.FromSeconds(20));
        coordinator.Reply(Lease(1, 3, published, world.Anchors(2)));
        var done = coordinator.ExpectMsg<RolloutDone>(TimeSpan.FromSeconds(20));
        var next = coordinator.ExpectMsg<RolloutWanted>();

        Assert.Equal(3, done.PolicyVersion);
        Assert.Equal(3, next.LoadedPolicyVersion);
    }

    [Fact]
    public void Weights_whose_hash_does_not_match_fail_the_lease_and_the_worker_keeps_pulling()
    {
        var coordinator = CreateTestProbe();
        var runFolder = world.NewFolder("rollout-torn");
        ArtifactRef published;
        using (var other = world.NewPolicy(seed: 98))
            published = PolicyWeights.Publish(other, runFolder, version: 2);
        Sys.ActorOf(RolloutWorker.Props(coordinator.Ref, world.Data, Logger.None, options: Fast));

        coordinator.ExpectMsg<RolloutWanted>(TimeSpan.FromSeconds(20));
        coordinator.Reply(Lease(2, 2, published with { Sha256 = new string('0', 64) }, world.Anchors(2)));
        var failed = coordinator.ExpectMsg<WorkFailed>(TimeSpan.FromSeconds(20));
        var next = coordinator.ExpectMsg<RolloutWanted>();

        Assert.Equal(2, failed.Group);
        Assert.Contains("sha256", failed.Reason);
        Assert.Equal(0, next.LoadedPolicyVersion);
    }

    [Fact]
    public async Task Leased_versions_served_over_http_are_fetched_loaded_and_the_replaced_ones_dropped_from_the_cache()
    {
        var coordinator = CreateTestProbe();
        await using var plane = await LoopbackDataPlane.StartAsync();
        ArtifactRef v3, v4;
        using (var other = world.NewPolicy(seed: 97))
            v3 = PolicyWeights.Publish(other, plane.Root, version: 3, plane.Server.Publisher);
        using (var other = world.NewPolicy(seed: 96))
            v4 = PolicyWeights.Publish(other, plane.Root, version: 4, plane.Server.Publisher);
        Sys.ActorOf(RolloutWorker.Props(coordinator.Ref, world.Data, Logger.None, options: Fast, fetcher: plane.Fetcher));

        coordinator.ExpectMsg<RolloutWanted>(TimeSpan.FromSeconds(20));
        coordinator.Reply(Lease(1, 3, v3, world.Anchors(2)));
        var first = coordinator.ExpectMsg<RolloutDone>(TimeSpan.FromSeconds(20));
        var cachedAfterFirst = plane.CachedFiles();
        coordinator.ExpectMsg<RolloutWanted>();
        coordinator.Reply(Lease(2, 4, v4, world.Anchors(2)));
        var second = coordinator.ExpectMsg<RolloutDone>(TimeSpan.FromSeconds(20));
        var next = coordinator.ExpectMsg<RolloutWanted>();

        Assert.StartsWith("http://", v3.Uri, StringComparison.Ordinal);
        Assert.Equal((3L, 4L, 4L), (first.PolicyVersion, second.PolicyVersion, next.LoadedPolicyVersion));
        Assert.Equal([$"files/{v3.Sha256}/v3.safetensors"], cachedAfterFirst);
        Assert.Equal([$"files/{v4.Sha256}/v4.safetensors"], plane.CachedFiles());
    }

    [Fact]
    public async Task A_policy_the_server_no_longer_has_fails_the_lease_naming_its_uri_and_the_worker_keeps_pulling()
    {
        var coordinator = CreateTestProbe();
        await using var plane = await LoopbackDataPlane.StartAsync();
        ArtifactRef v5;
        using (var other = world.NewPolicy(seed: 95))
            v5 = PolicyWeights.Publish(other, plane.Root, version: 5, plane.Server.Publisher);
        File.Delete(PolicyWeights.PathOf(plane.Root, 5));
        Sys.ActorOf(RolloutWorker.Props(coordinator.Ref, world.Data, Logger.None, options: Fast, fetcher: plane.Fetcher));

        coordinator.ExpectMsg<RolloutWanted>(TimeSpan.FromSeconds(20));
        coordinator.Reply(Lease(3, 5, v5, world.Anchors(2)));
        var failed = coordinator.ExpectMsg<WorkFailed>(TimeSpan.FromSeconds(20));
        var next = coordinator.ExpectMsg<RolloutWanted>();

        Assert.Equal(3, failed.Group);
        Assert.Contains(v5.Uri, failed.Reason, StringComparison.Ordinal);
        Assert.Contains("404", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(0, next.LoadedPolicyVersion);
    }
}
