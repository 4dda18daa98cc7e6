using System.CommandLine;
using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Observability;
using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Pipeline.Ablation;

namespace CoNRec.Cli.Commands.Train;

/// <summary>
/// <c>conrec ablate</c>: the main training run, then the ablation rows (<see cref="AblationStudy"/>) in the same
/// folder; the table and the expected claims on stdout, logs on stderr. Exit 0 even when a claim does not hold:
/// the table reports what was measured.
/// </summary>
public static class AblateCommand
{
    public static Command Build(CliConsole console)
    {
        var config = new Option<string?>("--config") { Description = "the run config (*.json, *.yaml or *.yml; docs/run-config.md)" };
        var demo = new Option<bool>("--demo") { Description = "the demo run's config; four extra trainings (about 30 minutes more than conrec train --demo on 2 cores)" };
        var runDir = new Option<string?>("--run-dir") { Description = $"the run folder (default: runs/NAME; {TrainCommands.DemoRunDir} for --demo); a trained run there is reused" };
        var seq = TrainCommands.SeqOptions();
        var command = new Command("ablate",
            "Train the ablation rows beside a run (SFT contexts, plain vs progressive GRPO, hit vs future rewards) and print the table with forgetting rates.")
        {
            config, demo, runDir, seq.Url, seq.Key,
        };
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var path = result.GetValue(config);
            var isDemo = result.GetValue(demo);
            if (isDemo == (path is not null)) throw new BadInputException("give exactly one of --config FILE and --demo");
            var settings = isDemo ? RunConfig.Demo() : RunConfigFile.Load(path!);
            var folder = result.GetValue(runDir) ?? (isDemo ? TrainCommands.DemoRunDir : Path.Combine("runs", settings.Name));
            var logging = LoggingOptions.Resolve(result.GetValue(seq.Url), result.GetValue(seq.Key));
            var options = settings.Logging with { SeqUrl = logging.SeqUrl ?? settings.Logging.SeqUrl, SeqApiKey = logging.SeqApiKey ?? settings.Logging.SeqApiKey };
            await ProgressDisplay.RunAsync(console, AblationStudy.Stages, async session =>
            {
                await using var logger = PipelineLogging.Create(options, session.Log);
                using var akka = AkkaLogScope.Open(logger);
                return await new AblationStudy(settings, folder, logger, session.Output, progress: session.Progress).RunAsync(ct);
            });
        }));
        return command;
    }
}
