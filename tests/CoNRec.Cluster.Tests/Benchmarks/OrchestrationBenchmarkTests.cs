using CoNRec.Cluster.Benchmarks;

namespace CoNRec.Cluster.Tests.Benchmarks;

/// <summary>The benchmark at a tiny size: what it prints and returns (no timing is asserted).</summary>
public sealed class OrchestrationBenchmarkTests
{
    static readonly OrchestrationBenchmarkOptions Tiny = new()
    {
        Policy = "tiny", Steps = 3, Groups = 2, AnchorsPerGroup = 2, GroupSize = 4, Rounds = 1, WarmupSteps = 1, Users = 40, Items = 32, MaxContextTokens = 32,
    };

    [Fact]
    public async Task A_tiny_run_prints_each_path_with_phase_shares_the_ratio_and_the_metric_agreement()
    {
        using var output = new StringWriter();

        var result = await OrchestrationBenchmark.RunAsync(output, Tiny);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("orchestration overhead: tiny policy, 3 steps x 2 groups x 2 prompts x G = 4", lines[0]);
        Assert.StartsWith("warm-up: 1 steps of each path", lines[1]);
        Assert.Matches(@"^round 1 direct: \d+\.\d{3} s/step over 2 steps .*generation \d+\.\d%, reward \d+\.\d%, update \d+\.\d%, other -?\d+\.\d%$", lines[2]);
        Assert.Matches(@"^round 1 actors: \d+\.\d{3} s/step over 2 steps .*generation \d+\.\d%, reward \d+\.\d%, update \d+\.\d%, other -?\d+\.\d%$", lines[3]);
        Assert.Matches(@"^direct: \d+\.\d{3} s/step; actors: \d+\.\d{3} s/step$", lines[4]);
        Assert.Matches(@"^ratio actors/direct: \d+\.\d{3} \(target <= 1\.05: (met|missed)\)$", lines[5]);
        Assert.StartsWith("final metrics: ", lines[6]);
        Assert.Equal(7, lines.Length);
        Assert.Equal(["direct", "actors"], result.Runs.Select(r => r.Path));
        Assert.All(result.Runs, r => Assert.Equal(2, r.StepSeconds.Length));
        Assert.All(result.Runs, r => Assert.True(r.GenSeconds > 0 && r.UpdateSeconds > 0));
        Assert.Equal(result.ActorSecondsPerStep / result.DirectSecondsPerStep, result.Ratio);
    }

    [Fact]
    public void Options_name_the_setting_they_reject()
    {
        var error = Assert.Throws<ArgumentException>(() => (Tiny with { Steps = 1 }).Validate());

        Assert.Contains("bench.steps", error.Message);
        Assert.Contains("bench.policy", Assert.Throws<ArgumentException>(() => (Tiny with { Policy = "qwen3-14b" }).Validate()).Message);
    }
}
