using CoNRec.Core.Curriculum;

namespace CoNRec.Core.Tests.Curriculum;

public sealed class CurriculumStateTests
{
    static CurriculumOptions Budget(int samples) => new CurriculumOptions().WithSampleBudget(samples);

    [Fact]
    public void A_batch_inside_the_budget_raises_no_event()
    {
        var start = CurriculumState.Start(Budget(10));

        var step = start.Advance(6);

        Assert.Empty(step.Events);
        Assert.Equal((0, 6L, 6L, false), (step.State.StageIndex, step.State.SamplesInStage, step.State.TotalSamples, step.State.Finished));
        Assert.Equal(4, step.State.RemainingInStage);
    }

    [Fact]
    public void Spending_the_budget_exactly_completes_the_stage_and_starts_the_next()
    {
        var state = CurriculumState.Start(Budget(10)).Advance(6).State;

        var step = state.Advance(4);

        Assert.Equal([new StageCompleted(0), new StageStarted(1)], step.Events);
        Assert.Equal((1, 0L, 10L), (step.State.StageIndex, step.State.SamplesInStage, step.State.TotalSamples));
        Assert.Equal(StageContext.Negatives, step.State.Stage.Context);
    }

    [Fact]
    public void An_overshooting_batch_ends_the_stage_without_spilling_into_the_next()
    {
        var state = CurriculumState.Start(Budget(10)).Advance(7).State;

        var step = state.Advance(7);

        Assert.Equal([new StageCompleted(0), new StageStarted(1)], step.Events);
        Assert.Equal((1, 0L, 14L), (step.State.StageIndex, step.State.SamplesInStage, step.State.TotalSamples));
    }

    [Fact]
    public void The_last_stage_finishes_the_curriculum()
    {
        var state = CurriculumState.Start(Budget(4)).Advance(4).State.Advance(4).State;

        var step = state.Advance(5);

        Assert.Equal([new StageCompleted(2), new CurriculumFinished()], step.Events);
        Assert.True(step.State.Finished);
        Assert.Equal((2, 4L, 13L, 0L), (step.State.StageIndex, step.State.SamplesInStage, step.State.TotalSamples, step.State.RemainingInStage));
        Assert.Throws<InvalidOperationException>(() => step.State.Advance(1));
    }

    [Fact]
    public void An_empty_batch_changes_nothing()
    {
        var state = CurriculumState.Start(Budget(10)).Advance(3).State;

        var step = state.Advance(0);

        Assert.Empty(step.Events);
        Assert.Equal(state, step.State);
    }

    [Fact]
    public void A_negative_batch_is_refused()
    {
        var state = CurriculumState.Start(Budget(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => state.Advance(-1));
    }

    [Fact]
    public void States_survive_a_round_trip_through_text()
    {
        var options = Budget(10);
        var running = CurriculumState.Start(options).Advance(12).State.Advance(3).State;
        var finished = running.Advance(7).State.Advance(10).State;

        var text = running.Serialize();

        Assert.Equal("""{"stage":1,"samplesInStage":3,"totalSamples":15,"finished":false}""", text);
        Assert.Equal(running, CurriculumState.Parse(text, options));
        Assert.Equal(finished, CurriculumState.Parse(finished.Serialize(), options));
        Assert.True(CurriculumState.Parse(finished.Serialize(), options).Finished);
    }

    [Theory]
    [InlineData("not json", "curriculum state: not a valid state")]
    [InlineData("""{"stage":3,"samplesInStage":0,"totalSamples":0,"finished":false}""", "curriculum state: stage 3 is outside the 3 configured stages")]
    [InlineData("""{"stage":0,"samplesInStage":10,"totalSamples":10,"finished":false}""", "curriculum state: 10 samples in stage 0 (budget 10")]
    [InlineData("""{"stage":1,"samplesInStage":10,"totalSamples":30,"finished":true}""", "curriculum state: 10 samples in stage 1 (budget 10")]
    public void Text_that_does_not_fit_the_stages_is_refused(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => CurriculumState.Parse(text, Budget(10)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
