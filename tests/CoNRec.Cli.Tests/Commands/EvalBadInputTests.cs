namespace CoNRec.Cli.Tests.Commands;

/// <summary>Bad settings and files stop <c>eval</c> with exit code 2, one "error:" line, and no results file.</summary>
public sealed class EvalBadInputTests(SyntheticWorldFixture world) : IClassFixture<SyntheticWorldFixture>, IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(new[] { "--window-days", "400" }, new[] { "split.windowDays = 400 is longer than the data" })]
    [InlineData(new[] { "--window-days", "0" }, new[] { "split.windowDays" })]
    [InlineData(new[] { "--k", "0" }, new[] { "eval.k must be >= 1" })]
    [InlineData(new[] { "--swing-top-n", "0" }, new[] { "swing.topN must be >= 1" })]
    [InlineData(new[] { "--swing-alpha1", "-1" }, new[] { "swing.alpha1" })]
    [InlineData(new[] { "--split", "per-user", "--anchor-fraction", "1.5" }, new[] { "split.anchorFraction must be in (0, 1)", "1.5" })]
    [InlineData(new[] { "--split", "sideways" }, new[] { "--split", "'sideways'" })]
    [InlineData(new[] { "--t0", "yesterday" }, new[] { "--t0", "'yesterday'" })]
    [InlineData(new[] { "--t0", "1000" }, new[] { "split.t0 = 1000 is outside the data's time range" })]
    [InlineData(new[] { "--baseline", "sasrec" }, new[] { "--baseline", "'sasrec'" })]
    [InlineData(new[] { "--k", "ten" }, new[] { "ten" })]
    [InlineData(new[] { "--bogus" }, new[] { "'--bogus'" })]
    public async Task An_invalid_setting_is_bad_input_naming_it_and_no_results_are_written(string[] settings, string[] named)
    {
        var result = await Eval(["--data", world.DataPath, .. settings]);

        AssertBadInput(result, named);
    }

    [Fact]
    public async Task A_file_that_is_not_a_dataset_is_bad_input_naming_the_file()
    {
        var notADataset = _temp.Write("world.conrec", "item_id,title,category\nk1,Knife,Home\n");

        var result = await Eval("--data", notADataset);

        AssertBadInput(result, [notADataset, "not a CoNRec dataset file"]);
    }

    [Fact]
    public async Task A_truncated_dataset_is_bad_input_naming_the_file()
    {
        var bytes = File.ReadAllBytes(world.DataPath);
        var truncated = _temp.PathOf("truncated.conrec");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);

        var result = await Eval("--data", truncated);

        AssertBadInput(result, [truncated, "truncated"]);
    }

    [Fact]
    public async Task A_missing_dataset_file_is_bad_input_naming_the_file()
    {
        var missing = _temp.PathOf("missing.conrec");

        var result = await Eval("--data", missing);

        AssertBadInput(result, [missing, "no such dataset file"]);
    }

    [Fact]
    public async Task Eval_without_data_is_a_parse_error()
    {
        var result = await Eval();

        AssertBadInput(result, ["--data"]);
    }

    Task<RunResult> Eval(params string[] args) => Conrec.RunAsync(["eval", .. args, "--out", _temp.PathOf("out/eval.json")]);

    void AssertBadInput(RunResult result, string[] named)
    {
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        foreach (var text in named) Assert.Contains(text, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.PathOf("out")), "the output folder was created");
        Assert.DoesNotContain(_temp.Files(), f => f.EndsWith(".json", StringComparison.Ordinal) || f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(File.Exists(world.DataPath + ".eval.json"));
    }
}
