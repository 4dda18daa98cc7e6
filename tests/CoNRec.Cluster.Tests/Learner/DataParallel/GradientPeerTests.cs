using Akka.Actor;
using Akka.Configuration;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Tests.Roles;
using CoNRec.Core.Protocol;
using Serilog.Core;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

/// <summary>Two learners on two ActorSystems joined over loopback remoting: references over Akka, gradients over HTTP.</summary>
public sealed class GradientPeerTests(TinyWorld world) : IClassFixture<TinyWorld>, IAsyncLifetime
{
    static readonly Config Remote = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        """).WithFallback(ConrecHocon.Load("serialization", "remote", "testing"));

    readonly ActorSystem[] _systems = [ActorSystem.Create("learner0", Remote), ActorSystem.Create("learner1", Remote)];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in _systems) await system.Terminate();
    }

    ActorPath[] PeerPaths() => [.. _systems.Select(s => GradientPeer.PathOn(((ExtendedActorSystem)s).Provider.DefaultAddress))];

    IActorRef[] StartPeers(ActorPath[] paths) =>
        [.. _systems.Select((s, rank) => s.ActorOf(GradientPeer.Props(rank, paths, Logger.None), GradientPeer.ActorName))];

    [Fact]
    public async Task Learners_on_two_nodes_exchange_references_over_akka_and_hold_byte_identical_weights()
    {
        var steps = DataParallelWorld.Steps(world, 2);
        var peers = StartPeers(PeerPaths());
        await using var rank0 = await DataParallelRank.StartAsync(world, 0, new PeerRendezvous(peers[0]));
        await using var rank1 = await DataParallelRank.StartAsync(world, 1, new PeerRendezvous(peers[1]));

        var results = new List<Model.Grpo.LearnResult[]>();
        foreach (var step in steps)
            results.Add(await Task.WhenAll(rank0.LearnAsync(step), rank1.LearnAsync(step)));

        var weights0 = await rank0.OnThread(DataParallelWorld.Weights);
        var weights1 = await rank1.OnThread(DataParallelWorld.Weights);
        Assert.All(weights0.Zip(weights1), pair => Assert.True(pair.First.Bytes.AsSpan().SequenceEqual(pair.Second.Bytes), $"{pair.First.Name} differs between the ranks"));
        Assert.All(results, r => Assert.Equal(r[0], r[1]));
        Assert.Equal(4, results[0][0].Updates);
        // Only the last update's file is kept: every peer has fetched the earlier ones.
        Assert.Equal(["step-2-update-3.safetensors"], Directory.GetFiles(rank0.GradientFolder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_learner_whose_peer_never_announces_gives_up_with_a_timeout_naming_the_update()
    {
        var peers = StartPeers(PeerPaths());
        var mine = new GradientPublished("run-dp", 5, 2, 0, 2, new ArtifactRef("http://127.0.0.1:1/g", new string('a', 64), 10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() =>
            Task.Run(() => new PeerRendezvous(peers[0]).Exchange(mine, TimeSpan.FromMilliseconds(300), CancellationToken.None)));

        Assert.Contains("update 2 of step 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peers_announcement_that_arrives_first_waits_for_this_learners_and_a_late_duplicate_is_dropped()
    {
        var peers = StartPeers(PeerPaths());
        GradientPublished Of(int rank, int update) => new("run-dp", 1, update, rank, 2, new ArtifactRef($"http://127.0.0.1:1/g{rank}-{update}", new string('a', 64), 10));
        peers[0].Tell(Of(1, 0));

        var first = new PeerRendezvous(peers[0]).Exchange(Of(0, 0), TimeSpan.FromSeconds(20), CancellationToken.None);
        peers[0].Tell(Of(1, 0) with { Gradient = new ArtifactRef("http://127.0.0.1:1/stale", new string('b', 64), 10) });
        peers[0].Tell(Of(1, 1));
        var second = new PeerRendezvous(peers[0]).Exchange(Of(0, 1), TimeSpan.FromSeconds(20), CancellationToken.None);

        Assert.Equal([Of(0, 0), Of(1, 0)], first);
        Assert.Equal([Of(0, 1), Of(1, 1)], second);
    }

    [Fact]
    public async Task An_announcement_for_another_rank_than_the_peers_own_is_refused()
    {
        var peers = StartPeers(PeerPaths());
        var wrong = new GradientPublished("run-dp", 1, 0, 1, 2, new ArtifactRef("http://127.0.0.1:1/g", new string('a', 64), 10));

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Task.Run(() => new PeerRendezvous(peers[0]).Exchange(wrong, TimeSpan.FromSeconds(20), CancellationToken.None)));

        Assert.Contains("rank 0 of 2, asked to announce rank 1 of 2", error.Message, StringComparison.Ordinal);
    }
}
