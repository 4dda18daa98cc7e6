using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;
using CoNRec.Core.Randomness;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;
using static TorchSharp.torch;

namespace CoNRec.Model.Evaluation;

/// <summary>
/// Item-level alignment accuracy on held-out data (method.md step 2; the forgetting rate compares it before and
/// after GRPO): for each evaluation user with at least three liked items in their history, the four candidates
/// are their NEXT negative (after the anchor, never seen in training) and three of their history positives,
/// shuffled; the model answers with a choice token, read as the argmax over the four choice tokens at the answer
/// position. Chance is 25%.
/// </summary>
public static class AlignmentProbe
{
    public const string MetricName = "AlignAcc";
    const int Purpose = 7;

    public static MetricValue Accuracy(PolicyModel model, TaskFormat format, EventTable events, IReadOnlyList<EvaluationCase> cases,
        int seed, int promptsPerBatch = 32, CancellationToken ct = default)
    {
        var questions = new List<(int[] Prompt, int Answer)>();
        foreach (var c in cases)
        {
            var liked = LikedItems(events, c);
            if (liked.Length < ReservedTokens.ChoiceCount - 1) continue;
            var random = StableSeed.Random(seed, Purpose, c.User);
            random.Shuffle(liked);
            int[] candidates = [c.NextNegative, .. liked.AsSpan(0, ReservedTokens.ChoiceCount - 1)];
            random.Shuffle(candidates);
            questions.Add((format.AlignmentPrompt(candidates).InputIds, Array.IndexOf(candidates, c.NextNegative)));
        }
        if (questions.Count == 0) return new MetricValue(double.NaN, 0);

        var vocabulary = format.Vocabulary;
        var choiceIds = tensor(Enumerable.Range(1, ReservedTokens.ChoiceCount).Select(k => (long)vocabulary.ChoiceId(k)).ToArray(), device: model.Device);
        var correct = 0;
        model.eval();
        using var inference = inference_mode();
        for (var start = 0; start < questions.Count; start += promptsPerBatch)
        {
            ct.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = questions.Skip(start).Take(promptsPerBatch).ToArray();
            var padded = Batching.Prompts([.. batch.Select(q => new Prompt(q.Prompt))], vocabulary.PadId);
            var ids = tensor(padded.InputIds, [padded.BatchSize, padded.Length], device: model.Device);          // (B, T)
            var mask = tensor(padded.AttentionMask, [padded.BatchSize, padded.Length], device: model.Device);    // (B, T)
            var logits = model.forward(ids, positions: null, cache: null, attentionMask: mask, logitsToKeep: 1); // (B, 1, V)
            var choices = logits[.., -1].index_select(1, choiceIds).argmax(1).data<long>().ToArray();             // (B)
            for (var i = 0; i < batch.Length; i++) if (choices[i] == batch[i].Answer) correct++;
        }
        choiceIds.Dispose();
        return MetricValue.FromSum(correct, questions.Count);
    }

    /// <summary>Items the user liked before the anchor and never rejected, in item order.</summary>
    static int[] LikedItems(EventTable events, EvaluationCase c)
    {
        var liked = new SortedSet<int>();
        var rejected = new HashSet<int>();
        for (var e = c.HistoryStart; e < c.HistoryEnd; e++)
        {
            if (events.Kinds[e] == FeedbackKind.Positive) liked.Add(events.Items[e]);
            else if (events.Kinds[e] == FeedbackKind.Negative) rejected.Add(events.Items[e]);
        }
        liked.ExceptWith(rejected);
        liked.Remove(c.NextNegative);
        return [.. liked];
    }
}
