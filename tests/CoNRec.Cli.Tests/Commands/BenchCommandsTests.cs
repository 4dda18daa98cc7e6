namespace CoNRec.Cli.Tests.Commands;

/// <summary>The benchmarks run end to end at small sizes; only their text is checked, never a timing.</summary>
public sealed class BenchCommandsTests
{
    [Fact]
    public async Task Bench_load_prints_events_per_second_for_import_write_and_load()
    {
        var result = await Conrec.RunOkAsync("bench", "load", "--events", "20000");

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("ratings.csv: 20,000 ratings, 200 users, 400 items", lines[0], StringComparison.Ordinal);
        foreach (var phase in new[] { "import", "write", "load" })
        {
            var line = Assert.Single(lines, l => l.StartsWith(phase + " ", StringComparison.Ordinal));
            Assert.EndsWith("events/s", line.Split("  (")[0], StringComparison.Ordinal);
        }
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Bench_swing_prints_the_ratio_of_the_naive_to_the_fast_implementation()
    {
        var result = await Conrec.RunOkAsync("bench", "swing", "--users", "2000", "--items", "500", "--negatives-per-user", "5");

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("swing bench: 2000 users x 500 items, ", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("fast: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("naive: ", StringComparison.Ordinal));
        var ratio = Assert.Single(lines, l => l.StartsWith("ratio naive/fast: ", StringComparison.Ordinal));
        Assert.Matches(@"^ratio naive/fast: [0-9.]+x \(neighbour lists identical, [0-9]+ pairs\)$", ratio);
    }

    [Fact]
    public async Task Bench_coordinator_prints_a_line_per_worker_count_and_the_flatness_ratio()
    {
        var result = await Conrec.RunOkAsync("bench", "coordinator", "--workers", "2,4", "--seconds", "0.5", "--warmup-seconds", "0.5", "--rounds", "1",
            "--groups-per-step", "8");

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("coordinator capacity: ", lines[0], StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("workers 2 (1 rollout + 1 reward): leases ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("workers 4 (2 rollout + 2 reward): leases ", StringComparison.Ordinal));
        Assert.Matches(@"^flatness: results/s at 4 workers / at 2 workers = [0-9.]+ ", Assert.Single(lines, l => l.StartsWith("flatness: ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("target >= 5,000 results/s at 32 workers: ", StringComparison.Ordinal));
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public async Task Bench_coordinator_with_a_worker_count_that_is_not_a_number_is_bad_input()
    {
        var result = await Conrec.RunAsync("bench", "coordinator", "--workers", "8,many");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--workers: 'many' is not a worker count", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_load_with_no_events_is_bad_input()
    {
        var result = await Conrec.RunAsync("bench", "load", "--events", "0");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--events must be >= 1", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_dataplane_prints_both_rates_and_the_ratio_of_http_to_local()
    {
        var result = await Conrec.RunOkAsync("bench", "dataplane", "--megabytes", "1", "--rounds", "2");

        var lines = RunResult.Lines(result.Out);
        Assert.StartsWith("data plane: 1 MB file", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Count(l => l.StartsWith("round ", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.StartsWith("http fetch: ", StringComparison.Ordinal));
        var ratio = Assert.Single(lines, l => l.StartsWith("ratio http/local: ", StringComparison.Ordinal));
        Assert.Matches(@"^ratio http/local: [0-9.]+ \(target >= 0\.50: (met|missed)\)$", ratio);
    }
}
