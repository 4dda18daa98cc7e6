using System.Globalization;

namespace CoNRec.Cli.Tests.Commands.Data;

public sealed class StatsCommandTests(SyntheticWorldFixture world) : IClassFixture<SyntheticWorldFixture>, IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Stats_prints_the_shape_of_a_synthetic_world()
    {
        var result = await Conrec.RunOkAsync("data", "stats", "--data", world.DataPath);

        var lines = RunResult.Lines(result.Out);
        Assert.Contains("dataset            synthetic-seed42", lines);
        Assert.Contains("users              300", lines);
        Assert.Contains(lines, l => l.StartsWith("items              200 (feature dim 64;", StringComparison.Ordinal));
        foreach (var kind in new[] { "exposure", "click", "positive", "negative" })
            Assert.Contains(lines, l => l.StartsWith(kind + " ", StringComparison.Ordinal));
        Assert.Contains("negatives by reason", lines);
        Assert.Contains(lines, l => l.StartsWith("not-interested ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("time span          2025-01-01", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_of_a_synthetic_world_prints_the_coverage_table_with_top_1_and_top_4_rows()
    {
        var result = await Conrec.RunOkAsync("data", "stats", "--data", world.DataPath, "--window-days", "5");

        Assert.Contains("Coverage of the users' top-k disliked groups (", result.Out, StringComparison.Ordinal);
        Assert.Contains("window 5 days, 10 neighbours per negative", result.Out, StringComparison.Ordinal);
        foreach (var k in new[] { 1, 4 })
        {
            var (next, window, neighbours) = CoverageRow(result.Out, k);
            // The window's negatives include the next one, and neighbours only add groups.
            Assert.InRange(next, 0, window);
            Assert.InRange(window, next, neighbours);
            Assert.InRange(neighbours, window, 100);
            Assert.True(window > 0, $"top-{k}: the window's negatives covered nothing\n{result.Out}");
        }
    }

    [Fact]
    public async Task Stats_of_an_imported_dataset_prints_its_shape_and_no_coverage_table()
    {
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());
        var data = _temp.PathOf("generic.conrec");
        await Conrec.RunOkAsync("data", "import", "--format", "csv", "--input", input, "--out", data);

        var result = await Conrec.RunOkAsync("data", "stats", "--data", data);

        var lines = RunResult.Lines(result.Out);
        Assert.Contains("users              2", lines);
        Assert.Contains(lines, l => l.StartsWith("items              3 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("events             5 ", StringComparison.Ordinal));
        Assert.DoesNotContain("Coverage", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("top-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_of_a_file_that_is_not_a_dataset_is_bad_input_naming_the_file()
    {
        var notADataset = _temp.Write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.5,1112486027\n");

        var result = await Conrec.RunAsync("data", "stats", "--data", notADataset);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(notADataset + ": not a CoNRec dataset file", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Stats_of_a_missing_file_is_bad_input_naming_the_file()
    {
        var missing = _temp.PathOf("missing.conrec");

        var result = await Conrec.RunAsync("data", "stats", "--data", missing);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(missing + ": no such dataset file", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_with_an_invalid_swing_setting_is_bad_input_naming_the_setting()
    {
        var result = await Conrec.RunAsync("data", "stats", "--data", world.DataPath, "--swing-min-common", "1");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("swing.minCommonUsers", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    /// <summary>The three percentages of the table's "top-k" row.</summary>
    static (double Next, double Window, double Neighbours) CoverageRow(string output, int k)
    {
        var row = RunResult.Lines(output).Single(l => l.StartsWith($"top-{k} ", StringComparison.Ordinal));
        var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, cells.Length);
        var shares = cells[1..].Select(c => double.Parse(c.TrimEnd('%'), CultureInfo.InvariantCulture)).ToArray();
        return (shares[0], shares[1], shares[2]);
    }
}
