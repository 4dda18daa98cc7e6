using CoNRec.Model.Tasks;

namespace CoNRec.Model.Tests.Tasks;

public sealed class BatchingTests
{
    const int Pad = 0;

    [Fact]
    public void Training_batches_pad_on_the_right_and_mark_only_answer_tokens_for_the_loss()
    {
        TrainingExample[] examples = [new([5, 6, 7, 8, 9], PromptLength: 3), new([5, 6, 9], PromptLength: 2)];

        var batch = Batching.Training(examples, Pad);

        Assert.Equal((2, 5), (batch.BatchSize, batch.Length));
        Assert.Equal([5L, 6, 7, 8, 9, 5, 6, 9, Pad, Pad], batch.InputIds);
        Assert.Equal([true, true, true, true, true, true, true, true, false, false], batch.AttentionMask);
        Assert.Equal([false, false, false, true, true, false, false, true, false, false], batch.LossMask);
    }

    [Fact]
    public void Prompt_batches_pad_on_the_left_so_every_prompt_ends_in_the_last_column()
    {
        Prompt[] prompts = [new([5, 6, 7]), new([8])];

        var batch = Batching.Prompts(prompts, Pad);

        Assert.Equal((2, 3), (batch.BatchSize, batch.Length));
        Assert.Equal([5L, 6, 7, Pad, Pad, 8], batch.InputIds);
        Assert.Equal([true, true, true, false, false, true], batch.AttentionMask);
        Assert.All(batch.LossMask, Assert.False);
    }

    [Fact]
    public void The_pad_id_fills_the_gaps()
    {
        var batch = Batching.Training([new TrainingExample([1, 2], 1), new TrainingExample([3], 1)], padId: 42);

        Assert.Equal([1L, 2, 3, 42], batch.InputIds);
    }

    [Fact]
    public void An_empty_batch_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Batching.Prompts([], Pad));
    }
}
