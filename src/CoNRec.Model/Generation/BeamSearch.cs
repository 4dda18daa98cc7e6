using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>
/// Top-K items per prompt by beam search over the SID trie. A beam is a trie node, so beams are distinct
/// prefixes and the finished beams distinct items. Scores are sums of the constrained, renormalised token
/// log-probabilities at temperature 1, the same numbers <see cref="CandidateScorer"/> gives. The prompts are
/// encoded once; each step keeps the best <c>beamWidth</c> children per prompt, reorders the cache rows to
/// the survivors' parents (<see cref="KvCache.Select"/>) and feeds the survivors' tokens in one batch.
/// </summary>
public static class BeamSearch
{
    /// <summary>Beam search for left-padded prompts (B, T) with <paramref name="attentionMask"/>, or one prompt (T).</summary>
    /// <returns>Per prompt, min(k, items) distinct items, best first (ties: lower trie node first).</returns>
    public static IReadOnlyList<ScoredItem[]> TopK(
        PolicyModel model, Tensor promptIds, Tensor? attentionMask, SidTrie trie, int k = 20, int beamWidth = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (beamWidth < k) throw new ArgumentOutOfRangeException(nameof(beamWidth), beamWidth, $"beamWidth must be >= k ({k})");
        using var mode = new InferenceMode(model);
        var (cache, logits) = Prompts.Encode(model, promptIds, attentionMask, trie);
        try
        {
            var prompts = (int)logits.shape[0];
            var beams = Beams.Start(prompts);
            for (var level = 0; level < trie.Depth; level++)
            {
                using var step = NewDisposeScope();
                var (allowed, valid) = SidConstraint.Allowed(trie, beams.Nodes, logits.device);
                var logProbs = SidConstraint.LogProbs(logits, allowed, valid).cpu().data<float>().ToArray();  // (R * M)
                beams = beams.Extend(trie, logProbs, (int)allowed.shape[1], level + 1 < trie.Depth ? beamWidth : k);
                if (level + 1 == trie.Depth) break;
                var reordered = cache.Select(tensor(beams.ParentRows(), device: model.Device));
                cache.Dispose();
                cache = reordered;
                var input = tensor(beams.Tokens(trie), [beams.Count, 1], device: model.Device);
                var previous = logits;
                logits = model.forward(input, positions: null, cache, logitsToKeep: 1).select(1, 0).MoveToOuterDisposeScope();
                previous.Dispose();
            }
            return beams.Results(trie, prompts);
        }
        finally
        {
            cache.Dispose();
        }
    }

    /// <summary>Top-K items for one prompt.</summary>
    public static ScoredItem[] TopK(PolicyModel model, int[] prompt, SidTrie trie, int k = 20, int beamWidth = 20) =>
        TopK(model, [prompt], trie, k, beamWidth)[0];

    /// <summary>Left-pads the prompts and searches them as one batch.</summary>
    public static IReadOnlyList<ScoredItem[]> TopK(PolicyModel model, IReadOnlyList<int[]> prompts, SidTrie trie, int k = 20, int beamWidth = 20)
    {
        var (ids, mask) = Prompts.LeftPad(prompts);
        using (ids)
        using (mask)
            return TopK(model, ids, mask, trie, k, beamWidth);
    }
}
