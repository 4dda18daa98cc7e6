using System.Globalization;

namespace CoNRec.Cli.Tests.Commands.Bench;

/// <summary>
/// <c>conrec bench multiprocess</c> end to end at its smallest (one round, two GRPO steps per stage): it trains the run as
/// conrec child processes, single-process and multi-process. Only the text is checked, never a timing.
/// </summary>
public sealed class MultiProcessBenchCommandTests
{
    [Fact]
    public async Task One_round_prints_both_setups_and_a_positive_ratio_and_leaves_no_temp_folder()
    {
        var before = BenchFolders();

        var result = await Conrec.RunOkAsync("bench", "multiprocess", "--rounds", "1", "--steps-per-stage", "2");

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("multiprocess bench: config bench-multiprocess (seed 11), GRPO 3 stages, 6 steps of 32 samples", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith("2 torch threads in both", StringComparison.Ordinal));
        Assert.Matches(@"^single +5 ", Assert.Single(lines, l => l.StartsWith("single ", StringComparison.Ordinal)));
        Assert.Matches(@"^multi +5 ", Assert.Single(lines, l => l.StartsWith("multi ", StringComparison.Ordinal)));
        var ratio = Assert.Single(lines, l => l.StartsWith("ratio multi/single: ", StringComparison.Ordinal));
        var value = double.Parse(ratio["ratio multi/single: ".Length..].Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.True(value > 0, ratio);
        Assert.Single(lines, l => l.StartsWith("agreement: last reward/mean equal in ", StringComparison.Ordinal));
        Assert.Empty(result.ErrorLines);
        Assert.Equal(before, BenchFolders());
    }

    [Theory]
    [InlineData("--nodes", "3", "--nodes must be 1")]
    [InlineData("--rounds", "0", "--rounds must be >= 1 (got 0)")]
    [InlineData("--steps-per-stage", "1", "--steps-per-stage must be >= 2 (got 1)")]
    public async Task A_flag_out_of_range_is_bad_input_naming_it(string flag, string value, string message)
    {
        var result = await Conrec.RunAsync("bench", "multiprocess", flag, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Steps_per_stage_with_a_config_file_is_bad_input()
    {
        using var temp = new TempFolder();
        var config = temp.Write("run.json", "{ \"name\": \"x\" }\n");

        var result = await Conrec.RunAsync("bench", "multiprocess", "--config", config, "--steps-per-stage", "4");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--steps-per-stage sizes the built-in config only", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    static string[] BenchFolders() => [.. Directory.GetDirectories(Path.GetTempPath(), "conrec-bench-multiprocess-*").Order(StringComparer.Ordinal)];
}
