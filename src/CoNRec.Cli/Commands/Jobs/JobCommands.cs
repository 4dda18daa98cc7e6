using System.CommandLine;
using System.Globalization;
using CoNRec.Cli.Commands.Node;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting.Jobs;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Protocol;

namespace CoNRec.Cli.Commands.Jobs;

/// <summary>
/// <c>conrec submit</c> hands a run config to a cluster's coordinator (through any node's HOST:PORT) and prints the run's
/// id; <c>conrec cancel RUN</c> stops a submitted run cleanly. Follow a run with <c>conrec runs show RUN --store ...</c>
/// or in Seq.
/// </summary>
public static class JobCommands
{
    static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static IEnumerable<Command> Build(CliConsole console) => [Submit(console), Cancel(console)];

    static Command Submit(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "the run config (.yaml, .yml or .json)" };
        var demo = new Option<bool>("--demo") { Description = "the demo run's config" };
        var (cluster, hostname, timeout) = ClusterOptions();
        var tls = TlsFlags.Create();
        var command = new Command("submit", "Hand a run to a cluster's coordinator; prints the run's id.") { config, demo, cluster, hostname, timeout };
        foreach (var option in tls.All) command.Add(option);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var path = result.GetValue(config);
            var isDemo = result.GetValue(demo);
            if (isDemo == (path is not null)) throw new BadInputException("give exactly one of --config FILE and --demo");
            var settings = isDemo ? RunConfig.Demo() : RunConfigFile.Load(path!);
            var answer = await AskAsync(result, cluster, hostname, timeout, tls, new SubmitRun(settings.ToJson(), isDemo ? "the demo config" : path!), console, ct);
            if (answer is not RunSubmitted submitted) throw Refused(answer);
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {submitted.RunId} submitted into {submitted.Folder}{(submitted.Ahead > 0 ? $" ({submitted.Ahead} run(s) ahead of it)" : "")}"));
            await console.Out.WriteLineAsync(submitted.RunId);
        }));
        return command;
    }

    static Command Cancel(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "the submitted run's id (what conrec submit printed)" };
        var (cluster, hostname, timeout) = ClusterOptions();
        var tls = TlsFlags.Create();
        var command = new Command("cancel", "Stop a submitted run cleanly; its status becomes Cancelled.") { run, cluster, hostname, timeout };
        foreach (var option in tls.All) command.Add(option);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var id = result.GetRequiredValue(run);
            var answer = await AskAsync(result, cluster, hostname, timeout, tls, new CancelRun(id), console, ct);
            if (answer is not RunCancelling cancelling) throw Refused(answer);
            await console.Out.WriteLineAsync(cancelling.WasRunning ? $"run {id}: stopping (it was running)" : $"run {id}: cancelled (it was waiting)");
        }));
        return command;
    }

    static (Option<string> Cluster, Option<string> Hostname, Option<double> Timeout) ClusterOptions() =>
    (
        new Option<string>("--cluster") { Description = "HOST:PORT of any node of the cluster (its remoting port)", Required = true },
        new Option<string>("--hostname") { Description = "the address the cluster answers this process at (default localhost; this machine's name or IP for a remote cluster)", DefaultValueFactory = _ => "localhost" },
        new Option<double>("--timeout") { Description = "seconds to wait for the cluster's answer", DefaultValueFactory = _ => DefaultTimeout.TotalSeconds }
    );

    static async Task<IConrecMessage> AskAsync(ParseResult result, Option<string> cluster, Option<string> hostname, Option<double> timeout, TlsFlags tls,
        IConrecMessage request, CliConsole console, CancellationToken ct)
    {
        var (host, port) = HostPort.Parse(result.GetRequiredValue(cluster), "--cluster");
        var seconds = result.GetValue(timeout);
        if (!(seconds > 0) || double.IsInfinity(seconds)) throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--timeout must be a number of seconds > 0 (got {seconds})"));
        var remotingTls = tls.Parse(result, Environment.GetEnvironmentVariable);
        await using var logger = PipelineLogging.Create(LoggingOptions.Resolve(null, null), console.Error, node: "client");
        using var akka = Cluster.Hosting.AkkaLogScope.Open(logger);
        try
        {
            return await JobClient.AskAsync(host, port, request, TimeSpan.FromSeconds(seconds), result.GetRequiredValue(hostname), remotingTls, ct);
        }
        catch (TimeoutException e)
        {
            throw new BadInputException(e.Message);
        }
    }

    static BadInputException Refused(IConrecMessage answer) =>
        new(answer is JobRefused refused ? $"the cluster refused: {refused.Reason}" : $"unexpected answer from the cluster: {answer.GetType().Name}");
}
