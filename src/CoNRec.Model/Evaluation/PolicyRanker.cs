using CoNRec.Core.Evaluation;
using CoNRec.Model.Generation;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;

namespace CoNRec.Model.Evaluation;

/// <summary>
/// A generative policy as an <see cref="IItemRanker"/> and <see cref="ICandidateScorer"/>: top-K by beam search
/// over the SID trie, candidates scored by the log-likelihood of their SID. The tensor work runs up front on the
/// calling thread, in batches (one model, one thread); the evaluator's parallel loop then only reads results.
/// The beam keeps <see cref="BeamSlack"/> more items than K, so that items the user already gave feedback on
/// (excluded by the split) can be dropped without leaving the list short.
/// </summary>
public sealed class PolicyRanker : IItemRanker, ICandidateScorer
{
    public const int BeamSlack = 10;
    readonly Dictionary<int, int[]> _ranked;
    readonly Dictionary<int, float[]> _scores;

    PolicyRanker(string name, Dictionary<int, int[]> ranked, Dictionary<int, float[]> scores)
    {
        Name = name;
        _ranked = ranked;
        _scores = scores;
    }

    public string Name { get; }

    public static PolicyRanker Precompute(string name, PolicyModel model, TaskBuilder tasks, SidTrie trie, IReadOnlyList<EvaluationCase> cases,
        ContextKind context, int k, int promptsPerBatch = 8, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(promptsPerBatch, 1);
        var ranked = new Dictionary<int, int[]>(cases.Count);
        var scores = new Dictionary<int, float[]>(cases.Count);
        var width = Math.Min(k + BeamSlack, trie.ItemCount);
        for (var start = 0; start < cases.Count; start += promptsPerBatch)
        {
            ct.ThrowIfCancellationRequested();
            var batch = cases.Skip(start).Take(promptsPerBatch).ToArray();
            var prompts = batch.Select(c => tasks.PromptFor(c, context).InputIds).ToArray();
            var beams = BeamSearch.TopK(model, prompts, trie, width, width);
            var withCandidates = batch.Select((c, i) => (Case: c, Index: i)).Where(x => x.Case.HasCandidates).ToArray();
            var candidateScores = withCandidates.Length == 0 ? [] : CandidateScorer.Score(model,
                [.. withCandidates.Select(x => prompts[x.Index])], trie, [.. withCandidates.Select(x => x.Case.Candidates)]);
            for (var i = 0; i < batch.Length; i++)
                ranked[batch[i].User] = [.. beams[i].Select(s => s.Item).Where(item => !batch[i].IsExcluded(item)).Take(k)];
            for (var j = 0; j < withCandidates.Length; j++)
                scores[withCandidates[j].Case.User] = [.. candidateScores[j].Select(s => (float)s)];
            progress?.Report(Math.Min(1.0, (start + batch.Length) / (double)cases.Count));
        }
        return new PolicyRanker(name, ranked, scores);
    }

    public int[] Rank(EvaluationCase c, int k) =>
        _ranked.TryGetValue(c.User, out var items) ? items.Length <= k ? items : items[..k] : throw NotPrecomputed(c);

    public float[] Score(EvaluationCase c, ReadOnlySpan<int> candidates) =>
        _scores.TryGetValue(c.User, out var s) && s.Length == candidates.Length ? s : throw NotPrecomputed(c);

    InvalidOperationException NotPrecomputed(EvaluationCase c) => new($"{Name}: user {c.User} was not among the precomputed cases");
}
