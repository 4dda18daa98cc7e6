using System.Globalization;
using System.Net;
using Akka.Cluster;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Bootstrap;
using CoNRec.Cluster.Roles;
using CoNRec.Cluster.Tests.Observability;

namespace CoNRec.Cluster.Tests.Hosting.Bootstrap;

/// <summary>Real nodes over loopback, no seed nodes: Akka.Management's bootstrap with config discovery forms the cluster.</summary>
public sealed class BootstrapClusterTests : IDisposable
{
    const string Loopback = "127.0.0.1";

    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Three_nodes_without_seeds_form_one_cluster_through_bootstrap()
    {
        int[] ports = [LoopbackSeq.FreePort(), LoopbackSeq.FreePort(), LoopbackSeq.FreePort()];
        var bootstrap = Bootstrap(ports, requiredContactPoints: 3);

        await using var coordinator = await Start([RoleNames.Coordinator, RoleNames.Learner], bootstrap with { ManagementPort = ports[0] });
        await using var rollout = await Start([RoleNames.Rollout], bootstrap with { ManagementPort = ports[1] });
        await using var reward = await Start([RoleNames.Reward], bootstrap with { ManagementPort = ports[2] });
        AkkaNode[] nodes = [coordinator, rollout, reward];

        await WaitUntil(() => nodes.All(n => UpMembers(n) == 3));

        // One cluster: every node sees the same three addresses, and the roles they took.
        var addresses = nodes.Select(n => Akka.Cluster.Cluster.Get(n.System).SelfAddress).ToHashSet();
        foreach (var node in nodes)
            Assert.Equal(addresses, Akka.Cluster.Cluster.Get(node.System).State.Members.Select(m => m.Address).ToHashSet());
        var members = Akka.Cluster.Cluster.Get(reward.System).State.Members;
        Assert.Single(members, m => m.HasRole(RoleNames.Coordinator));
        Assert.Single(members, m => m.HasRole(RoleNames.Rollout));
    }

    [Fact]
    public async Task A_node_is_alive_but_not_ready_until_bootstrap_has_made_it_a_member_then_ready()
    {
        int[] ports = [LoopbackSeq.FreePort(), LoopbackSeq.FreePort()];
        var bootstrap = Bootstrap(ports, requiredContactPoints: 2);
        await using var first = await Start([RoleNames.Coordinator], bootstrap with { ManagementPort = ports[0] });

        // Alone, it cannot meet the required contact points: it is running, not a member.
        var alone = await GetAsync(ports[0], ManagementEndpoint.ReadyPath);
        var alive = await GetAsync(ports[0], ManagementEndpoint.AlivePath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, alone.Status);
        Assert.Equal(HttpStatusCode.OK, alive.Status);
        Assert.Equal(0, UpMembers(first));

        await using var second = await Start([RoleNames.Reward], bootstrap with { ManagementPort = ports[1] });
        await WaitUntil(() => UpMembers(first) == 2 && UpMembers(second) == 2);

        var ready = await GetAsync(ports[0], ManagementEndpoint.ReadyPath);
        var otherReady = await GetAsync(ports[1], ManagementEndpoint.ReadyPath);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(HttpStatusCode.OK, otherReady.Status);
        Assert.Contains("Healthy", ready.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_busy_management_port_fails_the_node_start()
    {
        var port = LoopbackSeq.FreePort();
        var bootstrap = Bootstrap([port], requiredContactPoints: 1) with { ManagementPort = port };
        await using var first = await Start([RoleNames.Reward], bootstrap);

        var error = await Assert.ThrowsAsync<IOException>(() => Start([RoleNames.Reward], bootstrap));

        Assert.Contains($":{port.ToString(CultureInfo.InvariantCulture)}", error.Message, StringComparison.Ordinal);
    }

    static ClusterBootstrapOptions Bootstrap(int[] managementPorts, int requiredContactPoints) => new(
        BootstrapDiscovery.Config,
        Endpoints: [.. managementPorts.Select(p => $"{Loopback}:{p}")],
        RequiredContactPoints: requiredContactPoints,
        ManagementBindHost: Loopback,
        // Akka's 5 s defaults are for real networks; loopback answers at once.
        StableMargin: TimeSpan.FromSeconds(1),
        ProbeInterval: TimeSpan.FromSeconds(1));

    static Task<AkkaNode> Start(string[] roles, ClusterBootstrapOptions bootstrap) =>
        AkkaNode.StartAsync(b => b.WithConrecNode(new ClusterNodeOptions(roles, Hostname: Loopback, HoconProfiles: ["testing"], Bootstrap: bootstrap)));

    async Task<(HttpStatusCode Status, string Body)> GetAsync(int port, string path)
    {
        using var response = await _http.GetAsync(new Uri($"http://{Loopback}:{port}{path}"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    static int UpMembers(AkkaNode node) => Akka.Cluster.Cluster.Get(node.System).State.Members.Count(m => m.Status == MemberStatus.Up);

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(100, timeout.Token);
    }
}
