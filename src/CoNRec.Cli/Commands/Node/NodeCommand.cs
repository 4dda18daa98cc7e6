using System.CommandLine;
using Akka.Actor;
using Akka.Hosting;
using CoNRec.Cli.Commands.Db;
using CoNRec.Cli.Commands.Train;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Hosting.Joining;
using CoNRec.Cluster.Hosting.Jobs;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Roles;
using CoNRec.Core.Runs;
using CoNRec.Storage;
using Serilog;

namespace CoNRec.Cli.Commands.Node;

/// <summary>
/// <c>conrec node</c>: a long-running cluster member with the given roles. Coordinator nodes hold the run director (a
/// cluster singleton: runs handed in with <c>conrec submit</c>, resumed from the shared store when the node holding it is
/// lost); learner nodes a learner host the run's coordinator assigns; rollout and reward nodes workers for whichever run
/// the coordinator coordinates (<see cref="RunHost"/>), also when that is a <c>conrec train</c> process joined through
/// its port. Run folders live on a volume every node mounts at the same path. It runs until Ctrl-C or SIGTERM
/// (coordinated shutdown: it leaves the cluster; exit 0) or until its actor system stops on its own (downed or
/// quarantined: exit 1, so that a supervisor restarts it).
/// </summary>
public static class NodeCommand
{
    static readonly TimeSpan SignalGrace = TimeSpan.FromSeconds(5);
    static readonly TimeSpan StoreConnectTimeout = TimeSpan.FromSeconds(15);

    public static Command Build(CliConsole console)
    {
        var roles = new Option<string?>("--roles") { Description = $"the roles this node takes, comma-separated: coordinator, learner, rollout, reward (default: {NodeVariables.Roles})" };
        var seeds = new Option<string[]>("--seed") { Description = $"HOST:PORT of a cluster node to join through (a coordinator node, or a conrec train process's cluster.port); repeatable (default: {NodeVariables.Seeds}, comma-separated)" };
        var hostname = new Option<string?>("--hostname") { Description = $"the address other nodes reach this one at (default: {NodeVariables.Hostname}, else localhost)" };
        var port = new Option<int?>("--port") { Description = $"this node's remoting port; 0 picks a free one (default: {NodeVariables.Port}, else {NodeVariables.DefaultRemotingPort})" };
        var workers = new Option<int?>("--workers") { Description = $"workers of each worker role taken (default: {NodeVariables.Workers}, else 1)" };
        var device = new Option<string?>("--device") { Description = $"where rollout workers generate and the learner learns: cpu, cuda, cuda:1 (default: {NodeVariables.Device}, else cpu)" };
        var runsDir = new Option<string?>("--runs-dir") { Description = $"coordinator nodes: the shared volume holding submitted runs, at the same path on every node (default: {NodeVariables.RunsDir})" };
        var store = new Option<string?>("--store") { Description = $"coordinator nodes: the cluster's PostgreSQL store, postgres://USER@HOST:PORT/DB (default: {StoreLocation.StoreVariable}; password from {StoreLocation.PasswordVariable} or {StoreLocation.PasswordFileVariable})" };
        var cache = new Option<string?>("--cache-dir") { Description = $"a local folder for weights fetched over HTTP (default: {NodeVariables.CacheDir}, else conrec-node-cache in the temp folder)" };
        var tls = TlsFlags.Create();
        var seq = TrainCommands.SeqOptions();
        var command = new Command("node", "Run a cluster node with the given roles until stopped: coordinator (runs submitted runs), learner, rollout, reward.")
        {
            roles, seeds, hostname, port, workers, device, runsDir, store, cache, seq.Url, seq.Key,
        };
        foreach (var option in tls.All) command.Add(option);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var settings = NodeSettings.Parse(new NodeSettings.Flags(result.GetValue(roles), result.GetValue(seeds) ?? [], result.GetValue(hostname),
                result.GetValue(port), result.GetValue(workers), result.GetValue(device), result.GetValue(runsDir), result.GetValue(store)),
                tls.Parse(result, Environment.GetEnvironmentVariable), Environment.GetEnvironmentVariable);
            var cacheFolder = result.GetValue(cache) ?? Environment.GetEnvironmentVariable(NodeVariables.CacheDir) ?? Path.Combine(Path.GetTempPath(), "conrec-node-cache");
            await using var logger = PipelineLogging.Create(LoggingOptions.Resolve(result.GetValue(seq.Url), result.GetValue(seq.Key)), console.Error, node: "node");
            using var akka = AkkaLogScope.Open(logger);
            var runStore = settings.Store is { } location
                ? await StoreConnection.GuardAsync(location, StoreConnectTimeout, token => RunStore.OpenAsync(location, cancellationToken: token), ct)
                : null;
            await using (runStore)
                await RunAsync(settings, runStore, cacheFolder, logger, ct);
        }));
        return command;
    }

    static async Task RunAsync(NodeSettings settings, IRunStore? store, string cacheFolder, ILogger log, CancellationToken ct)
    {
        using var fetcher = new ArtifactFetcher(new ArtifactFetchOptions { CacheFolder = Path.GetFullPath(cacheFolder) }, log);
        AkkaNode node;
        try
        {
            node = await AkkaNode.StartAsync(b => Roles(b.WithConrecNode(settings.ToNodeOptions()), settings, store, fetcher, log).AddJobDesk().AddMembershipLog(log), ct);
        }
        catch (Exception e) when (BindFailure(e) is { } reason)
        {
            throw new BadInputException($"--port {settings.Port}: cannot listen on {settings.Hostname}:{settings.Port} ({reason})");
        }
        await using (node)
        {
            log.Information("Node {Address} ({Roles}) joining through {Seeds}", Akka.Cluster.Cluster.Get(node.System).SelfAddress.ToString(), string.Join(",", settings.Roles),
                settings.Bootstrap is { } bootstrap ? $"cluster bootstrap ({bootstrap.Discovery})" : string.Join(", ", settings.Seeds));
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

    /// <summary>Why remoting could not bind its port (in use, or an address not of this machine), from Akka's nested start errors.</summary>
    static string? BindFailure(Exception error)
    {
        for (Exception? e = error; e is not null; e = e is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException : e.InnerException)
            if (e is System.Net.Sockets.SocketException socket) return socket.Message;
        return null;
    }

    /// <summary>The run director (or the coordinator's proxy), the learner host and the workers, as the node's roles say.</summary>
    static AkkaConfigurationBuilder Roles(AkkaConfigurationBuilder builder, NodeSettings settings, IRunStore? store, ArtifactFetcher fetcher, ILogger log)
    {
        builder = settings.Has(RoleNames.Coordinator)
            ? builder.AddRunDirector(new DirectorOptions(settings.RunsFolder!, settings.StoreText!, store!, log))
            : builder.AddCoordinatorProxy();
        if (settings.Has(RoleNames.Learner)) builder = builder.AddLearnerHost(settings.Device, fetcher, log);
        if (settings.ToRunHostOptions() is { } workers) builder = builder.AddRunHost(workers, log, fetcher);
        return builder;
    }
}
