using CoNRec.Cluster.Benchmarks.Capacity;

namespace CoNRec.Cluster.Tests.Benchmarks;

/// <summary>The capacity benchmark at a tiny size: what it prints and counts (no timing is asserted).</summary>
public sealed class CoordinatorCapacityBenchmarkTests
{
    // A short warm-up first, so that no point times only the cold start (JIT, the singleton coming up) and sees no result.
    static readonly CoordinatorCapacityOptions Tiny = new() { Workers = [2, 4], Seconds = 0.5, WarmupSeconds = 0.5, Rounds = 1, GroupsPerStep = 8 };

    [Fact]
    public async Task A_tiny_run_prints_a_line_per_worker_count_the_flatness_and_the_target()
    {
        using var output = new StringWriter();

        var result = await CoordinatorCapacityBenchmark.RunAsync(output, Tiny);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("coordinator capacity: the real coordinator as a cluster singleton", lines[0]);
        Assert.StartsWith("plan: 8 groups per step x 1 prompt x G = 4, 3 tokens per completion: one learner hand-off per 16 results", lines[1]);
        Assert.StartsWith("per point: a fresh node and run, 0.5 s warm-up, 0.5 s timed; 1 round(s)", lines[2]);
        Assert.Matches(@"^workers 2 \(1 rollout \+ 1 reward\): leases [\d,]+/s, results [\d,]+/s \(rollouts [\d,]+/s, scores [\d,]+/s; rounds [\d,]+\.\.[\d,]+\), \d+\.\d steps/s, hand-off \d+% of the time, \d+ leases re-issued, \d+ steps in the store$", lines[3]);
        Assert.StartsWith("workers 4 (2 rollout + 2 reward): leases ", lines[4]);
        Assert.Matches(@"^flatness: results/s at 4 workers / at 2 workers = \d+\.\d\d \((flat|falling): flat means >= 0\.90\)$", lines[5]);
        Assert.Equal("target >= 5,000 results/s at 32 workers: not measured (no 32-worker point)", lines[6]);
        Assert.Equal(7, lines.Length);
        Assert.Equal([2, 4], result.Lines.Select(l => l.Workers));
        Assert.All(result.Lines, l => Assert.True(l.Points[0].Measured.ResultsAccepted > 0));
        Assert.All(result.Lines, l => Assert.True(l.StepsInStore > 0));
    }

    [Fact]
    public void Options_name_the_setting_they_reject()
    {
        Assert.Contains("bench.workers", Assert.Throws<ArgumentException>(() => (Tiny with { Workers = [1] }).Validate()).Message);
        Assert.Contains("bench.workers", Assert.Throws<ArgumentException>(() => (Tiny with { Workers = [] }).Validate()).Message);
        Assert.Contains("bench.seconds", Assert.Throws<ArgumentException>(() => (Tiny with { Seconds = 0 }).Validate()).Message);
        Assert.Contains("bench.rounds", Assert.Throws<ArgumentException>(() => (Tiny with { Rounds = 0 }).Validate()).Message);
        Assert.Contains("bench.groupsPerStep", Assert.Throws<ArgumentException>(() => (Tiny with { GroupsPerStep = 0 }).Validate()).Message);
    }
}
