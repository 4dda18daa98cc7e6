using CoNRec.Core.Runs;

namespace CoNRec.Core.Tests.Runs;

public sealed class StageTransitionsTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    static readonly StageRecord Pending =
        new(RunId.Parse("run-20261126-ab12cd"), 1, "grpo stage 1", "grpo-1", 0.04, 1_000, 0, StageStatus.Pending, null, null);

    [Fact]
    public void Running_stamps_the_start_once()
    {
        var running = Pending.WithStatus(StageStatus.Running, T0).WithStatus(StageStatus.Running, T0.AddHours(1));

        Assert.Equal((StageStatus.Running, (DateTimeOffset?)T0, (DateTimeOffset?)null), (running.Status, running.StartedAt, running.FinishedAt));
    }

    [Fact]
    public void Finishing_stamps_the_finish_and_a_repeat_keeps_the_first_time()
    {
        var done = Pending.WithStatus(StageStatus.Running, T0).WithStatus(StageStatus.Completed, T0.AddHours(1));

        var again = done.WithStatus(StageStatus.Completed, T0.AddHours(2));

        Assert.Equal(T0.AddHours(1), again.FinishedAt);
    }

    [Fact]
    public void Resuming_a_failed_stage_keeps_its_start_and_clears_its_finish()
    {
        var failed = Pending.WithStatus(StageStatus.Running, T0).WithStatus(StageStatus.Failed, T0.AddHours(1));

        var resumed = failed.WithStatus(StageStatus.Running, T0.AddHours(2));

        Assert.Equal(((DateTimeOffset?)T0, (DateTimeOffset?)null), (resumed.StartedAt, resumed.FinishedAt));
    }
}
