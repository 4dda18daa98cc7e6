using Akka.Cluster;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Roles;

namespace CoNRec.Cluster.Tests.Hosting;

public sealed class AkkaNodeTests
{
    [Fact]
    public async Task A_node_without_seeds_joins_itself_with_its_roles_and_the_chosen_profile()
    {
        var node = await AkkaNode.StartAsync(b => b.WithConrecNode(ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] }));
        var system = node.System;
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            await WaitUntil(() => cluster.SelfMember.Status == MemberStatus.Up);

            Assert.True(system.Settings.SerializeAllMessages);
            Assert.False(system.Settings.Config.GetBoolean("akka.cluster.singleton-proxy.log-singleton-identification-failure"));
            Assert.Equal(RoleNames.All.Order(), cluster.SelfRoles.Order());
            Assert.NotEqual(0, cluster.SelfAddress.Port);
        }
        finally
        {
            await node.DisposeAsync();
        }
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public void An_unknown_role_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClusterNodeOptions(["rollout", "critic"]).Validate());

        Assert.Contains("cluster.roles", error.Message);
        Assert.Contains("critic", error.Message);
    }

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition()) await Task.Delay(50, timeout.Token);
    }
}
