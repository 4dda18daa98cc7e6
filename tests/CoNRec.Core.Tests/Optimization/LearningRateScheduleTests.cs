using CoNRec.Core.Optimization;

namespace CoNRec.Core.Tests.Optimization;

public sealed class LearningRateScheduleTests
{
    readonly LearningRateSchedule _schedule = new(PeakLearningRate: 1e-3, WarmupSteps: 10, TotalSteps: 110, MinRatio: 0.1);

    [Fact]
    public void Warm_up_rises_linearly_to_the_peak()
    {
        Assert.Equal(1e-4, _schedule.At(1), 12);
        Assert.Equal(1e-3, _schedule.At(10), 12);
    }

    [Fact]
    public void Cosine_decays_to_the_floor_at_the_last_step_and_stays_there()
    {
        Assert.Equal(0.55e-3, _schedule.At(60), 12);
        Assert.Equal(1e-4, _schedule.At(110), 12);
        Assert.Equal(1e-4, _schedule.At(500), 12);
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        var error = Assert.Throws<ArgumentException>(() => (_schedule with { TotalSteps = 0 }).Validate());
        Assert.Contains("train.steps", error.Message);
    }
}
