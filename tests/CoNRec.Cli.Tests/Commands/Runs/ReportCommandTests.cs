using CoNRec.Core.Evaluation;

namespace CoNRec.Cli.Tests.Commands.Runs;

public sealed class ReportCommandTests : IAsyncLifetime
{
    StoredRun _run = null!;

    string Out => _run.Temp.PathOf("report");

    public async Task InitializeAsync() => _run = await StoredRun.CreateAsync();

    public Task DisposeAsync()
    {
        _run.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Report_writes_the_plots_and_a_summary_that_names_the_stages()
    {
        var result = await Conrec.RunOkAsync("report", _run.Id.Value, "--store", _run.Store, "--out", Out);

        foreach (var file in new[] { "reward.png", "kl.png", "clip_frac.png", "timing.png", "report.md", "report.html" })
            Assert.True(File.Exists(Path.Combine(Out, file)), $"{file} is missing\n{result}");
        Assert.False(File.Exists(Path.Combine(Out, "evaluation.png")));
        var markdown = File.ReadAllText(Path.Combine(Out, "report.md"));
        Assert.Contains(_run.Id.Value, markdown, StringComparison.Ordinal);
        Assert.Contains("sft warm-up", markdown, StringComparison.Ordinal);
        Assert.Contains("grpo stage 1", markdown, StringComparison.Ordinal);
        foreach (var secret in StoredRun.Secrets) Assert.DoesNotContain(secret, markdown, StringComparison.Ordinal);
        Assert.StartsWith($"wrote {Out} (", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_with_an_eval_file_draws_the_evaluation_table_and_lists_each_model()
    {
        var evalPath = _run.Temp.PathOf("eval.json");
        ResultJson.Write(evalPath, [Result("popularity", 0.20, null), Result("conrec", 0.41, new(0.62, 80))], Metadata());

        await Conrec.RunOkAsync("report", _run.Id.Value, "--run-dir", _run.RunDirectory, "--out", Out, "--eval", evalPath);

        Assert.True(File.Exists(Path.Combine(Out, "evaluation.png")));
        var markdown = File.ReadAllText(Path.Combine(Out, "report.md"));
        Assert.Contains("popularity", markdown, StringComparison.Ordinal);
        Assert.Contains("conrec", markdown, StringComparison.Ordinal);
        Assert.Contains("0.4100", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_of_an_unknown_run_is_bad_input_naming_it_and_writes_nothing()
    {
        var result = await Conrec.RunAsync("report", "run-20200101-abcdef", "--store", _run.Store, "--out", Out);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("run run-20200101-abcdef is not in the run store", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Theory]
    [InlineData("{ \"results\": ", "not valid JSON")]
    [InlineData("{ \"metadata\": {} }", "expected an object with a \"results\" array")]
    [InlineData("{ \"results\": [ { \"model\": \"x\", \"k\": 0 } ] }", "results[0].k must be a whole number >= 1")]
    [InlineData("{ \"results\": [ { \"model\": \"x\", \"k\": 20, \"userCount\": 3, \"caseCount\": 2, \"metrics\": { \"HR@20\": 0.5 } } ] }", "results[0].metrics has no \"FHR@20\"")]
    public async Task A_malformed_eval_file_is_bad_input_naming_the_file_and_the_problem(string json, string problem)
    {
        var evalPath = _run.Temp.Write("eval.json", json);

        var result = await Conrec.RunAsync("report", _run.Id.Value, "--store", _run.Store, "--out", Out, "--eval", evalPath);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains(evalPath, error, StringComparison.Ordinal);
        Assert.Contains(problem, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task An_output_folder_holding_other_files_is_refused_and_kept()
    {
        var other = _run.Temp.Write("report/thesis.tex", "keep me");

        var result = await Conrec.RunAsync("report", _run.Id.Value, "--store", _run.Store, "--out", Out);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("holds 'thesis.tex'", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(other));
    }

    [Fact]
    public async Task A_second_report_replaces_the_first()
    {
        await Conrec.RunOkAsync("report", _run.Id.Value, "--store", _run.Store, "--out", Out);

        await Conrec.RunOkAsync("report", _run.Id.Value, "--store", _run.Store, "--out", Out);

        Assert.True(File.Exists(Path.Combine(Out, "report.md")));
    }

    static EvaluationResult Result(string model, double fhr, MetricValue? accuracy) =>
        new(model, 20, 100, 80, new(0.10, 80), new(fhr, 80), new(0.05, 10), new(double.NaN, 0), new(0.12, 80), new(0.07, 80), accuracy);

    static ResultMetadata Metadata() => new("tiny", new SplitOptions(), 1_700_000_000, new EvaluationOptions(), 100, 50, 1_000, 800, 80, 70);
}
