using System.CommandLine;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;

namespace CoNRec.Cli.Commands.Train;

/// <summary>
/// <c>conrec train</c> (a run from a config file, or the demo) and <c>conrec resume</c> (a stopped run, from the config
/// stored in its folder): <see cref="TrainingPipeline"/> with logs on stderr (and Seq when configured), its progress
/// live on a terminal (<see cref="ProgressDisplay"/>) and the evaluation table on stdout.
/// </summary>
public static class TrainCommands
{
    public const string DemoRunDir = "runs/demo";

    public static IEnumerable<Command> Build(CliConsole console) => [TrainCommand(console), ResumeCommand(console)];

    static Command TrainCommand(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "the run config (*.json, *.yaml or *.yml; docs/run-config.md)" };
        var demo = new Option<bool>("--demo") { Description = "the demo run: the default synthetic world and the small policy (about 10-15 minutes on 2 cores)" };
        var runDir = new Option<string?>("--run-dir") { Description = $"the run folder (default: runs/NAME; {DemoRunDir} for --demo); an existing run there resumes" };
        var seq = SeqOptions();
        var cluster = new ClusterFlags();
        var command = new Command("train", "Train CoNRec end to end: data, semantic IDs, alignment and warm-up SFT, progressive GRPO, evaluation.")
        {
            config, demo, runDir, seq.Url, seq.Key,
        };
        foreach (var option in cluster.Options) command.Add(option);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var path = result.GetValue(config);
            var isDemo = result.GetValue(demo);
            if (isDemo == (path is not null)) throw new BadInputException("give exactly one of --config FILE and --demo");
            var settings = cluster.Apply(isDemo ? RunConfig.Demo() : RunConfigFile.Load(path!), result);
            var folder = result.GetValue(runDir) ?? (isDemo ? DemoRunDir : Path.Combine("runs", settings.Name));
            await RunAsync(console, settings, folder, result.GetValue(seq.Url), result.GetValue(seq.Key), ct);
        }));
        return command;
    }

    static Command ResumeCommand(CliConsole console)
    {
        var run = new Argument<string>("run") { Description = "the run id (run.json in the run folder)" };
        var runDir = new Option<string>("--run-dir") { Description = "the run folder", Required = true };
        var seq = SeqOptions();
        var cluster = new ClusterFlags();
        var command = new Command("resume", "Continue a stopped training run from its folder, with the config it was started with.")
        {
            run, runDir, seq.Url, seq.Key,
        };
        foreach (var option in cluster.Options) command.Add(option);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var folder = result.GetRequiredValue(runDir);
            var manifest = TrainingPipeline.Manifest(folder) ?? throw new BadInputException($"{folder} holds no training run ({RunLayout.ManifestFile} is missing)");
            var id = result.GetRequiredValue(run);
            if (!string.Equals(manifest.RunId, id, StringComparison.Ordinal))
                throw new BadInputException($"{folder} holds run {manifest.RunId}, not {id}");
            await RunAsync(console, cluster.Apply(TrainingPipeline.StoredConfig(folder), result), folder, result.GetValue(seq.Url), result.GetValue(seq.Key), ct);
        }));
        return command;
    }

    static async Task RunAsync(CliConsole console, RunConfig config, string folder, string? seqUrl, string? seqKey, CancellationToken ct)
    {
        var seq = LoggingOptions.Resolve(seqUrl, seqKey);
        var logging = config.Logging with { SeqUrl = seq.SeqUrl ?? config.Logging.SeqUrl, SeqApiKey = seq.SeqApiKey ?? config.Logging.SeqApiKey };
        var result = await ProgressDisplay.RunAsync(console, PipelineStages.All, async session =>
        {
            await using var logger = PipelineLogging.Create(logging, session.Log);
            // Akka's own warnings and errors (its logs go to Serilog's static logger) join this log.
            using var akka = AkkaLogScope.Open(logger);
            return await new TrainingPipeline(config, folder, logger, session.Output, progress: session.Progress).RunAsync(ct);
        });
        var skipped = result.Stages.Count(s => s.Skipped);
        await console.Out.WriteLineAsync($"run {result.Run} in {folder}: {result.Stages.Count - skipped} stages ran, {skipped} already completed");
    }

    internal static (Option<string?> Url, Option<string?> Key) SeqOptions() =>
    (
        new Option<string?>("--seq") { Description = $"a Seq server URL for the logs (default: {LoggingOptions.SeqUrlVariable})" },
        new Option<string?>("--seq-api-key") { Description = $"the Seq API key (default: {LoggingOptions.SeqApiKeyVariable} or the file named by {LoggingOptions.SeqApiKeyFileVariable})" }
    );
}
