using Akka.Cluster;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>Real nodes over loopback with TLS: who gets into the cluster and who does not.</summary>
public sealed class TlsClusterTests : IDisposable
{
    // How long a refused node is watched; joining over loopback takes well under a second.
    static readonly TimeSpan RefusalWatch = TimeSpan.FromSeconds(6);

    readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Two_nodes_with_the_same_certificate_form_a_cluster_of_two_over_tls()
    {
        var tls = Tls(_certificates.SelfSigned("cluster"));
        await using var seed = await StartSeed(tls);
        await using var member = await Start(tls, SeedAddress(seed));

        await WaitUntil(() => UpMembers(seed) == 2 && UpMembers(member) == 2);

        var config = member.System.Settings.Config;
        Assert.Equal("akka.ssl.tcp", Akka.Cluster.Cluster.Get(member.System).SelfAddress.Protocol);
        Assert.Equal(128000, config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
        // The certificate reaches Akka as an object: its password is nowhere in the configuration Akka may log.
        Assert.DoesNotContain(TestCertificates.Password, config.ToString(includeFallback: true), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_with_certificates_from_the_cluster_authority_form_a_cluster_of_two()
    {
        var (authorityPath, authority) = _certificates.Authority("cluster-ca");
        using var _ = authority;
        var first = Tls(_certificates.IssuedBy(authority, "node-1")) with { PeerValidation = TlsPeerValidation.Authority, AuthorityPath = authorityPath };
        var second = first with { CertificatePath = _certificates.IssuedBy(authority, "node-2") };
        await using var seed = await StartSeed(first);
        await using var member = await Start(second, SeedAddress(seed));

        await WaitUntil(() => UpMembers(seed) == 2 && UpMembers(member) == 2);
    }

    [Fact]
    public async Task A_node_with_another_certificate_cannot_join_and_stops_itself()
    {
        await using var seed = await StartSeed(Tls(_certificates.SelfSigned("cluster")));
        await using var intruder = await Start(Tls(_certificates.SelfSigned("intruder")), SeedAddress(seed));

        var intruderWasUp = await WatchRefusedNode(seed, intruder);

        Assert.False(intruderWasUp);
        Assert.Equal(1, UpMembers(seed));
        Assert.False(seed.System.WhenTerminated.IsCompleted);
        // Akka.Remote shuts a node down when its own outbound handshake fails (the seed's certificate is not pinned
        // by the intruder either); with hocon/node.conf the process exits and its supervisor sees it.
        Assert.True(intruder.System.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_plaintext_node_cannot_join_a_tls_seed()
    {
        await using var seed = await StartSeed(Tls(_certificates.SelfSigned("cluster")));
        var port = Akka.Cluster.Cluster.Get(seed.System).SelfAddress.Port;
        await using var plain = await Start(null, $"akka.tcp://{ClusterNodeOptions.SystemName}@localhost:{port}");

        var plainWasUp = await WatchRefusedNode(seed, plain);

        Assert.False(plainWasUp);
        Assert.Equal(1, UpMembers(seed));
        Assert.False(seed.System.WhenTerminated.IsCompleted);
    }

    RemotingTls Tls(string certificatePath) => new(certificatePath, PasswordFile: _certificates.PasswordFile());

    static async Task<AkkaNode> StartSeed(RemotingTls tls)
    {
        var seed = await Start(tls);
        await WaitUntil(() => UpMembers(seed) == 1);
        return seed;
    }

    static Task<AkkaNode> Start(RemotingTls? tls, params string[] seeds) =>
        AkkaNode.StartAsync(b => b.WithConrecNode(new ClusterNodeOptions([RoleNames.Reward], SeedNodes: seeds, HoconProfiles: ["testing"], Tls: tls)));

    static string SeedAddress(AkkaNode seed) => Akka.Cluster.Cluster.Get(seed.System).SelfAddress.ToString();

    static int UpMembers(AkkaNode node) => Akka.Cluster.Cluster.Get(node.System).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>Watches a node that should be refused until it stops or <see cref="RefusalWatch"/> passes; true if it ever got in.</summary>
    static async Task<bool> WatchRefusedNode(AkkaNode seed, AkkaNode refused)
    {
        var cluster = Akka.Cluster.Cluster.Get(refused.System);
        var deadline = DateTime.UtcNow + RefusalWatch;
        while (DateTime.UtcNow < deadline && !refused.System.WhenTerminated.IsCompleted)
        {
            if (cluster.SelfMember.Status == MemberStatus.Up || UpMembers(seed) > 1) return true;
            await Task.Delay(100);
        }
        return false;
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition()) await Task.Delay(50, timeout.Token);
    }
}
