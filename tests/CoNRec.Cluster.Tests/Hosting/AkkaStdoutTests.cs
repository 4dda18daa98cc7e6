using System.Text.RegularExpressions;
using Akka.Event;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Tests.Observability;
using Serilog;

namespace CoNRec.Cluster.Tests.Hosting;

[Collection(ConsoleCapture.Name)]
public sealed partial class AkkaStdoutTests
{
    [Fact]
    public async Task A_node_that_starts_and_stops_writes_nothing_to_stdout_and_its_warnings_reach_serilog()
    {
        var sink = new CollectingSink();
        using var logger = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(sink).CreateLogger();
        using var stdout = new StringWriter();
        var console = Console.Out;
        Console.SetOut(stdout);
        try
        {
            using (AkkaLogScope.Open(logger))
            {
                var node = await AkkaNode.StartAsync(b => b.WithConrecNode(ClusterNodeOptions.SingleProcess));
                var system = node.System;
                system.Log.Warning("warning while running");
                await WaitUntil(() => Messages(sink).Any(m => m.Contains("warning while running", StringComparison.Ordinal)));
                // Events queued for the Serilog logger when the shutdown stops it are handed to Akka's stdout logger.
                for (var i = 0; i < 200; i++) system.Log.Info("queued at shutdown {0}", i);
                await node.DisposeAsync();
                // After the shutdown only Akka's stdout logger is left on the event stream.
                system.EventStream.Publish(new Warning("probe", typeof(AkkaStdoutTests), "warning after the shutdown"));
            }
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.DoesNotMatch(AkkaLine(), stdout.ToString());
        Assert.DoesNotContain("Remoting shut down", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains(Messages(sink), m => m.Contains("warning after the shutdown", StringComparison.Ordinal));
    }

    static IEnumerable<string> Messages(CollectingSink sink) => sink.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A line of Akka's standard-out format: "[INFO][11/26/2026 09:53:27.289Z][Thread 0016][remoting ...] ...".</summary>
    [GeneratedRegex(@"^\[(DEBUG|INFO|WARNING|ERROR)\]\[", RegexOptions.Multiline)]
    private static partial Regex AkkaLine();

    static async Task WaitUntil(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (!condition()) await Task.Delay(20, timeout.Token);
    }
}
