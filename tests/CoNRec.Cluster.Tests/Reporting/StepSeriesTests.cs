using CoNRec.Cluster.Reporting;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Tests.Reporting;

public sealed class StepSeriesTests
{
    static readonly RunId Id = RunId.Parse("run-20261126-ab12cd");

    static StepRecord Step(long step, int stage, Dictionary<string, double> metrics) =>
        new(Id, step, stage, new PolicyVersion(step), 8, metrics, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Segments_break_at_a_new_stage_and_at_a_step_without_the_metric()
    {
        StepRecord[] steps =
        [
            Step(0, 0, new() { ["kl"] = 1 }),
            Step(1, 0, new() { ["kl"] = 2 }),
            Step(2, 0, new() { ["loss"] = 9 }),
            Step(3, 0, new() { ["kl"] = double.NaN }),
            Step(4, 0, new() { ["kl"] = 4 }),
            Step(5, 1, new() { ["kl"] = 5 }),
        ];

        var segments = StepSeries.Segments(steps, "kl");

        Assert.Equal([0, 0, 1], segments.Select(s => s.StageIndex));
        Assert.Equal([0.0, 1], segments[0].Steps);
        Assert.Equal([1.0, 2], segments[0].Values);
        Assert.Equal([4.0], segments[1].Steps);
        Assert.Equal([5.0], segments[2].Steps);
    }

    [Fact]
    public void Boundaries_are_the_first_step_of_each_stage_named_by_the_plan()
    {
        StageRecord[] stages = [new(Id, 0, "warm-up", "sft-warmup", null, 10, 0, StageStatus.Completed, null, null)];
        StepRecord[] steps = [Step(0, 0, []), Step(1, 0, []), Step(2, 1, []), Step(3, 1, [])];

        var boundaries = StepSeries.Boundaries(stages, steps);

        Assert.Equal([new StageBoundary(0, "warm-up", 0), new StageBoundary(1, "stage 1", 2)], boundaries);
    }

    [Fact]
    public void Phase_shares_sum_the_seconds_of_every_step_and_count_a_missing_phase_as_zero()
    {
        StepRecord[] steps =
        [
            Step(0, 0, new() { ["timing_s/update"] = 1 }),
            Step(1, 1, new() { ["timing_s/gen"] = 3, ["timing_s/reward"] = 1, ["timing_s/update"] = 1 }),
            Step(2, 1, new() { ["kl"] = 0.1 }),
        ];

        var sum = PhaseTiming.Sum(steps)!.Value;
        var percent = sum.AsPercent()!.Value;

        Assert.Equal(new PhaseSeconds(3, 1, 2), sum);
        Assert.Equal(50, percent.Generation, 1e-9);
        Assert.Equal(100.0 / 6, percent.Reward, 1e-9);
        Assert.Equal(100.0 / 3, percent.Update, 1e-9);
        Assert.Null(PhaseTiming.Sum([steps[2]]));
    }
}
