namespace CoNRec.Cli.Tests;

public sealed class HelpTests
{
    public static TheoryData<string, string[]> CommandsAndWhatTheirHelpLists => new()
    {
        { "", ["data", "eval", "bench", "--help", "--version"] },
        { "data", ["synth", "import", "stats"] },
        { "data synth", ["--out", "--config", "--seed", "--users", "--items", "--days"] },
        { "data import", ["--format", "--input", "--out", "--captions", "--embeddings", "--feature-dim", "--negative-max-rating", "--positive-min-rating", "--name"] },
        { "data stats", ["--data", "--split", "--t0", "--window-days", "--anchor-fraction", "--include-seen", "--keep-all-reasons", "--swing-top-n", "--swing-min-common"] },
        { "eval", ["--data", "--baseline", "--k", "--seed", "--out", "--split", "--window-days", "--anchor-fraction", "--swing-top-n", "--swing-theta"] },
        { "bench", ["load", "swing"] },
        { "bench load", ["--events"] },
        { "bench swing", ["--users", "--items", "--negatives-per-user", "--seed"] },
        { "node", ["--roles", "--seed", "--hostname", "--port", "--workers", "--device", "--cache-dir"] },
        { "train", ["--config", "--demo", "--run-dir", "--hostname", "--port", "--rollout-workers", "--reward-workers"] },
    };

    [Theory]
    [MemberData(nameof(CommandsAndWhatTheirHelpLists))]
    public async Task Help_exits_zero_and_lists_the_subcommands_and_options(string command, string[] listed)
    {
        string[] args = [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        var result = await Conrec.RunAsync(args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        // The usage line starts with the executable's name (the test host here, conrec when installed).
        var usage = RunResult.Lines(result.Out).SkipWhile(l => l != "Usage:").ElementAt(1);
        Assert.EndsWith($"{command} [options]".TrimStart(), usage.Replace(" [command]", "", StringComparison.Ordinal), StringComparison.Ordinal);
        foreach (var name in listed) Assert.Contains(name, result.Out, StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task A_command_group_without_a_subcommand_is_bad_input()
    {
        var result = await Conrec.RunAsync("data");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.NotEmpty(result.ErrorLines);
    }
}
