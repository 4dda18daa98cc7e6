namespace CoNRec.Cli.Tests.Commands.Runs;

public sealed class RunsCommandsTests : IAsyncLifetime
{
    StoredRun _run = null!;

    public async Task InitializeAsync() => _run = await StoredRun.CreateAsync();

    public Task DisposeAsync()
    {
        _run.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Runs_list_shows_the_stored_run_with_its_status_and_resume_step()
    {
        var result = await Conrec.RunOkAsync("runs", "list", "--store", _run.Store);

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.StartsWith(_run.Id.Value, StringComparison.Ordinal));
        Assert.Equal([_run.Id.Value, "nightly", "Running", "1", "6"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..5]);
    }

    [Fact]
    public async Task Runs_list_reads_the_embedded_store_of_a_run_directory()
    {
        var result = await Conrec.RunOkAsync("runs", "list", "--run-dir", _run.RunDirectory);

        Assert.Contains(_run.Id.Value, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_lists_the_stages_the_recent_steps_and_the_latest_checkpoint()
    {
        var result = await Conrec.RunOkAsync("runs", "show", _run.Id.Value, "--store", _run.Store);

        var lines = RunResult.Lines(result.Out);
        Assert.Contains($"Id           {_run.Id.Value}", lines);
        Assert.Contains(lines, l => l.StartsWith("0  sft warm-up", StringComparison.Ordinal) && l.Contains("Completed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1  grpo stage 1", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal));
        Assert.Equal(StoredRun.StepCount, StepRows(lines).Length);
        Assert.Contains("Latest checkpoint", lines);
        Assert.Contains(lines, l => l.StartsWith("Id", StringComparison.Ordinal) && l.EndsWith($"{_run.Id.Value}/step-00000006", StringComparison.Ordinal));
        Assert.Contains("Metrics at step 7", lines);
        Assert.Contains(lines, l => l.StartsWith("reward/mean", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runs_show_lists_only_the_requested_number_of_recent_steps()
    {
        var result = await Conrec.RunOkAsync("runs", "show", _run.Id.Value, "--store", _run.Store, "--steps", "3");

        var steps = StepRows(RunResult.Lines(result.Out)).Select(row => row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]);
        Assert.Equal(["5", "6", "7"], steps);
    }

    [Fact]
    public async Task Runs_show_masks_the_passwords_and_api_keys_of_the_config()
    {
        var result = await Conrec.RunOkAsync("runs", "show", _run.Id.Value, "--store", _run.Store);

        foreach (var secret in StoredRun.Secrets) Assert.DoesNotContain(secret, result.Out + result.Error, StringComparison.Ordinal);
        Assert.Contains("postgres://conrec:***@db.internal:5432/runs", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"apiKey\": \"***\"", result.Out, StringComparison.Ordinal);
        Assert.Contains("\"groupSize\": 8", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_show_of_an_unknown_run_is_bad_input_naming_the_run()
    {
        const string unknown = "run-20200101-abcdef";

        var result = await Conrec.RunAsync("runs", "show", unknown, "--store", _run.Store);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains($"run {unknown} is not in the run store {_run.Store}", error, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task Runs_show_of_a_malformed_run_id_is_bad_input_naming_the_argument()
    {
        var result = await Conrec.RunAsync("runs", "show", "nightly", "--store", _run.Store);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("RUN must be a run id like run-", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_step_count_is_bad_input_naming_the_option()
    {
        var result = await Conrec.RunAsync("runs", "show", _run.Id.Value, "--store", _run.Store, "--steps", "-1");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--steps must be >= 0 (got -1)", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>The rows of the "Recent steps" table.</summary>
    static string[] StepRows(string[] lines) =>
        [.. lines.SkipWhile(l => l != "Recent steps").Skip(2).TakeWhile(l => l.Length > 0 && char.IsAsciiDigit(l[0]))];
}
