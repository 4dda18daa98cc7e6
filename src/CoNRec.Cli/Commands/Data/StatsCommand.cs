using System.CommandLine;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cli.Commands.Data;

/// <summary>
/// <c>conrec data stats</c>: the dataset's shape, and for synthetic data the paper's Figure 2a check: how much
/// of each user's true top disliked groups the next negative, the next W days of negatives, and those plus
/// their Swing neighbours cover.
/// </summary>
public static class StatsCommand
{
    public static Command Build(CliConsole console)
    {
        var data = new Option<string>("--data") { Description = "the dataset file (*.conrec)", Required = true };
        var split = new SplitSettings();
        var swing = new SwingSettings();
        var command = new Command("stats", "Print a dataset's shape and, for synthetic data, the exposure-bias coverage check.") { data };
        split.AddTo(command);
        swing.AddTo(command);
        command.SetAction((result, ct) => CommandAction.RunAsync(console, async () =>
        {
            var raw = DatasetFile.Read(result.GetRequiredValue(data));
            var swingOptions = swing.Read(result);
            var splitOptions = split.Read(result);
            await console.Out.WriteLineAsync(DatasetStats.Compute(raw).Format());
            if (raw.Truth is null) return;

            var cleaned = split.KeepAllReasons(result) ? raw : NegativeCleaning.KeepInterestRelated(raw);
            var evaluationSplit = EvaluationSplit.Create(cleaned, splitOptions);
            var neighbours = SwingSettings.Compute(evaluationSplit, swingOptions, console, ct);
            var report = CoverageCheck.Run(evaluationSplit, item => neighbours.NeighborsOf(item), swingOptions.TopN);
            await console.Out.WriteLineAsync(report.Format());
        }));
        return command;
    }
}
