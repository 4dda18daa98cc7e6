using Akka.Cluster;
using CoNRec.Cluster.Hocon;
using CoNRec.Cluster.Hosting;

namespace CoNRec.Cluster.Tests.Hosting;

/// <summary>The settings a running node really uses: hocon/cluster.conf and remote.conf must survive Akka.Hosting's own.</summary>
public sealed class ClusterSettingsTests
{
    [Fact]
    public async Task A_started_node_runs_the_keep_majority_resolver_and_the_failure_detector_of_cluster_conf()
    {
        var node = await AkkaNode.StartAsync(b => b.WithConrecNode(ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] }));
        try
        {
            var config = node.System.Settings.Config;
            var cluster = Akka.Cluster.Cluster.Get(node.System).Settings;

            Assert.Equal("keep-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
            Assert.Contains("SplitBrainResolverProvider", cluster.DowningProviderType.FullName, StringComparison.Ordinal);
            Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
            Assert.Equal(TimeSpan.FromSeconds(1), cluster.HeartbeatInterval);
            Assert.Equal(TimeSpan.FromSeconds(4), config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause"));
            Assert.True(cluster.RunCoordinatedShutdownWhenDown);
            Assert.Equal(128000, config.GetByteSize("akka.remote.dot-netty.tcp.maximum-frame-size"));
            Assert.False(config.GetBoolean("akka.coordinated-shutdown.exit-clr"));
            // Membership on threads of its own (hocon/dispatchers.conf), and the dispatcher really exists.
            Assert.Equal("conrec.cluster-dispatcher", cluster.UseDispatcher);
            // The singleton reads its take-over margin from here (hocon/cluster.conf).
            Assert.Equal(TimeSpan.FromSeconds(2), Akka.Cluster.Cluster.Get(node.System).DowningProvider.DownRemovalMargin);
            Assert.True(node.System.Dispatchers.HasDispatcher(cluster.UseDispatcher));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    [Fact]
    public void The_node_profile_runs_the_shutdown_on_process_exit_and_leaves_the_exit_code_to_conrec_node()
    {
        var config = ConrecHocon.Load("serialization", "remote", "cluster", "node");

        // exit-clr would end the process with code 0; conrec node exits non-zero itself when its system stops.
        Assert.False(config.GetBoolean("akka.coordinated-shutdown.exit-clr"));
        Assert.True(config.GetBoolean("akka.coordinated-shutdown.run-by-clr-shutdown-hook"));
    }

    [Fact]
    public void The_detection_and_resolution_delays_fit_the_twenty_second_recovery_budget()
    {
        var config = ConrecHocon.Load("cluster");

        var detection = config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval") + config.GetTimeSpan("akka.cluster.failure-detector.acceptable-heartbeat-pause");
        var resolution = config.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after");

        var takeOver = config.GetTimeSpan("akka.cluster.down-removal-margin");

        Assert.True(detection + resolution <= TimeSpan.FromSeconds(12), $"detection {detection} + resolution {resolution}");
        // The singleton's margin must cover the skew between two sides' decisions (one heartbeat) and stay short of stable-after.
        Assert.InRange(takeOver, config.GetTimeSpan("akka.cluster.failure-detector.heartbeat-interval") * 2, resolution);
    }
}
