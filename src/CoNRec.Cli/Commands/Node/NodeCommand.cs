using System.CommandLine;
using Akka.Actor;
using CoNRec.Cli.Commands.Train;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Joining;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using Serilog;

namespace CoNRec.Cli.Commands.Node;

/// <summary>
/// <c>conrec node</c>: a long-running process that joins a training run's cluster through a seed (the <c>conrec train</c>
/// process's <c>cluster.hostname:cluster.port</c>) and runs rollout and reward workers for whatever run the coordinator
/// coordinates (<see cref="RunHost"/>). It reads the run's dataset and warm-up bundle at the training process's paths:
/// a shared directory. It runs until Ctrl-C or SIGTERM (coordinated shutdown: it leaves the cluster; exit 0) or until
/// its actor system stops on its own (downed or quarantined: exit 1, so that a supervisor restarts it).
/// </summary>
public static class NodeCommand
{
    static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(5);

    public static Command Build(CliConsole console)
    {
        var roles = new Option<string>("--roles") { Description = "the roles this node takes, comma-separated: rollout, reward", Required = true };
        var seeds = new Option<string[]>("--seed") { Description = "HOST:PORT of the conrec train process (its cluster.hostname and cluster.port); repeatable", Required = true };
        var hostname = new Option<string>("--hostname") { Description = "the address other nodes reach this one at", DefaultValueFactory = _ => "localhost" };
        var port = new Option<int>("--port") { Description = "this node's remoting port; 0 picks a free one" };
        var workers = new Option<int>("--workers") { Description = "workers of each role taken", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "where rollout workers generate: cpu, cuda, cuda:1", DefaultValueFactory = _ => "cpu" };
        var cache = new Option<string?>("--cache-dir") { Description = "a local folder for weights fetched over HTTP (default: conrec-node-cache in the temp folder)" };
        var seq = TrainCommands.SeqOptions();
        var command = new Command("node", "Join a training run's cluster and run rollout and reward workers for it until stopped.")
        {
            roles, seeds, hostname, port, workers, device, cache, seq.Url, seq.Key,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var settings = NodeSettings.Parse(result.GetRequiredValue(roles), result.GetValue(seeds) ?? [], result.GetRequiredValue(hostname),
                result.GetValue(port), result.GetValue(workers), result.GetRequiredValue(device));
            var cacheFolder = result.GetValue(cache) ?? Path.Combine(Path.GetTempPath(), "conrec-node-cache");
            await using var logger = PipelineLogging.Create(LoggingOptions.Resolve(result.GetValue(seq.Url), result.GetValue(seq.Key)), console.Error, node: "node");
            using var akka = AkkaLogScope.Open(logger);
            await RunAsync(settings, cacheFolder, logger, ct);
        }));
        return command;
    }

    static async Task RunAsync(NodeSettings settings, string cacheFolder, ILogger log, CancellationToken ct)
    {
        using var fetcher = new ArtifactFetcher(new ArtifactFetchOptions { CacheFolder = Path.GetFullPath(cacheFolder) }, log);
        var node = await AkkaNode.StartAsync(b => b
            .WithConrecNode(settings.ToNodeOptions())
            .AddRunHost(settings.ToRunHostOptions(), log, fetcher), ct);
        await using (node)
        {
            log.Information("Node {Address} ({Roles}) joining through {Seeds}", Akka.Cluster.Cluster.Get(node.System).SelfAddress.ToString(), string.Join(",", settings.Roles),
                string.Join(", ", settings.Seeds));
            try
            {
                await Task.Delay(Timeout.Infinite, node.Stopped).WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C, or SIGTERM (which may reach Akka's process-exit hook before the token): a requested stop.
                var reason = CoordinatedShutdown.Get(node.System).ShutdownReason;
                if (ct.IsCancellationRequested || reason is CoordinatedShutdown.ClrExitReason)
                {
                    log.Information("Stop requested; leaving the cluster");
                    // System.CommandLine's SIGTERM handler runs on its own thread and cancels a token it disposes once this
                    // action returns: returning before it ran (Akka's exit hook was first) would crash the process.
                    await Task.Delay(SignalGrace, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                    return;
                }
                log.Warning("The actor system stopped: {Reason}", reason?.ToString() ?? "unknown");
            }
            throw new InvalidOperationException("the actor system stopped (downed, quarantined or unable to join): exiting so that a supervisor restarts the node");
        }
    }
}
