using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Training;

public sealed class SftObjectiveTests
{
    // Identical answers after prompts of different tokens and lengths: the batch is right-padded.
    static readonly TrainingExample[] Batch =
    [
        new([SftWorld.Bos, SftWorld.Task, 20, SftWorld.Answer, 45, SftWorld.Eos], 4),
        new([SftWorld.Bos, SftWorld.Task, 9, 31, 27, SftWorld.Answer, 45, SftWorld.Eos], 6),
        new([SftWorld.Bos, 11, SftWorld.Answer, 45, SftWorld.Eos], 3),
    ];

    [Fact]
    public void Loss_is_the_mean_cross_entropy_of_the_answer_tokens_only()
    {
        using var scope = NewDisposeScope();
        using var model = SftWorld.Model();
        var batch = Batching.Training(Batch, SftWorld.Pad);

        var (loss, answerTokens) = SftObjective.Loss(model, batch);

        var (answers, everything) = ByHand(model, batch);
        Assert.Equal(6, answerTokens);
        Assert.Equal(answers, loss.item<float>(), 5);
        // The check can tell the two apart: prompt targets would move the mean.
        Assert.True(Math.Abs(everything - answers) > 1e-3, $"answer-only {answers} vs all real tokens {everything}");
    }

    [Fact]
    public void Answers_of_different_lengths_are_all_counted()
    {
        using var scope = NewDisposeScope();
        using var model = SftWorld.Model();
        TrainingExample[] examples =
        [
            new([SftWorld.Bos, 20, SftWorld.Answer, SftWorld.Eos], 3),
            new([SftWorld.Bos, SftWorld.Task, 21, 22, SftWorld.Answer, 41, 42, 43, 44, SftWorld.Eos], 5),
            new([SftWorld.Bos, SftWorld.Task, 9, 31, 27, 26, 25, SftWorld.Answer, 50, SftWorld.Eos], 8),
        ];
        var batch = Batching.Training(examples, SftWorld.Pad);

        var (loss, answerTokens) = SftObjective.Loss(model, batch);

        Assert.Equal(1 + 5 + 2, answerTokens);
        Assert.Equal(ByHand(model, batch).Answers, loss.item<float>(), 5);
    }

    [Fact]
    public void A_batch_without_answer_tokens_is_refused()
    {
        using var scope = NewDisposeScope();
        using var model = SftWorld.Model();
        var batch = Batching.Training([new TrainingExample([SftWorld.Bos, 20, SftWorld.Answer], 3)], SftWorld.Pad);

        var error = Assert.Throws<ArgumentException>(() => SftObjective.Loss(model, batch));

        Assert.Contains("no answer tokens", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Mean of -log softmax(logits[b, t - 1])[ids[b, t]] over the answer positions (LossMask), and over every
    /// real token after the first, from a plain forward of the padded batch, summed in double precision.
    /// </summary>
    static (double Answers, double Everything) ByHand(PolicyModel model, TokenBatch batch)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(batch.InputIds, [batch.BatchSize, batch.Length]);
        var attention = tensor(batch.AttentionMask, [batch.BatchSize, batch.Length]);
        var logProbs = model.forward(ids, positions: null, cache: null, attentionMask: attention)
            .to(ScalarType.Float64).log_softmax(-1);                                              // (B, T, V)
        double answerSum = 0, allSum = 0;
        int answerCount = 0, allCount = 0;
        for (var b = 0; b < batch.BatchSize; b++)
        {
            for (var t = 1; t < batch.Length; t++)
            {
                var i = b * batch.Length + t;
                if (!batch.AttentionMask[i]) continue;
                var nll = -logProbs[b, t - 1, batch.InputIds[i]].item<double>();
                allSum += nll;
                allCount++;
                if (!batch.LossMask[i]) continue;
                answerSum += nll;
                answerCount++;
            }
        }
        return (answerSum / answerCount, allSum / allCount);
    }
}
