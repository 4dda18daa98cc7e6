using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>
/// Log-likelihood of given items' SIDs after a prompt, by teacher forcing: the prompt is encoded once, its
/// cache is copied to one row per candidate, and every candidate's first Depth - 1 tokens go through in one
/// batched forward. Each token's log-probability is the constrained, renormalised one at temperature 1
/// (<see cref="SidConstraint.SequenceLogProbs"/>), summed in level order in double precision exactly as
/// <see cref="BeamSearch"/> sums its beams, so an item's score here equals its beam-search score.
/// Memory: the logits of all candidates, (candidates, Depth, vocab) floats.
/// </summary>
public static class CandidateScorer
{
    /// <summary>Scores candidates per prompt: left-padded prompts (B, T) with <paramref name="attentionMask"/>,
    /// or one prompt (T), and for each prompt its candidate items.</summary>
    /// <returns>Per prompt, the log-probability of each candidate, in the candidates' order.</returns>
    public static double[][] Score(PolicyModel model, Tensor promptIds, Tensor? attentionMask, SidTrie trie, IReadOnlyList<int[]> candidateItems)
    {
        ArgumentNullException.ThrowIfNull(candidateItems);
        using var mode = new InferenceMode(model);
        var (cache, promptLogits) = Prompts.Encode(model, promptIds, attentionMask, trie);
        using var _ = cache;
        var prompts = (int)promptLogits.shape[0];
        if (candidateItems.Count != prompts)
            throw new ArgumentException($"{candidateItems.Count} candidate lists for {prompts} prompts", nameof(candidateItems));
        var (items, rowPrompt) = Flatten(candidateItems, trie.ItemCount);
        var scores = new double[prompts][];
        for (var p = 0; p < prompts; p++) scores[p] = new double[candidateItems[p].Length];
        if (items.Length == 0) return scores;

        var rows = tensor(rowPrompt, device: model.Device);                                       // (N)
        var logits = promptLogits.index_select(0, rows).unsqueeze(1);                             // (N, 1, V)
        if (trie.Depth > 1)
        {
            using var rowCache = cache.Select(rows);
            var forced = tensor(TeacherTokens(trie, items), [items.Length, trie.Depth - 1], device: model.Device);
            logits = cat([logits, model.forward(forced, positions: null, rowCache)], 1);           // (N, D, V)
        }
        var tokenLogProbs = SidConstraint.SequenceLogProbs(logits, trie, items).cpu().data<float>().ToArray();   // (N * D)
        for (int p = 0, n = 0; p < prompts; p++)
        {
            for (var c = 0; c < scores[p].Length; c++, n++)
            {
                var sum = 0.0;
                for (var l = 0; l < trie.Depth; l++) sum += tokenLogProbs[n * trie.Depth + l];
                scores[p][c] = sum;
            }
        }
        return scores;
    }

    /// <summary>Scores one prompt's candidates.</summary>
    public static double[] Score(PolicyModel model, int[] prompt, SidTrie trie, int[] candidateItems) =>
        Score(model, [prompt], trie, [candidateItems])[0];

    /// <summary>Left-pads the prompts and scores each one's candidates in one batch.</summary>
    public static double[][] Score(PolicyModel model, IReadOnlyList<int[]> prompts, SidTrie trie, IReadOnlyList<int[]> candidateItems)
    {
        var (ids, mask) = Prompts.LeftPad(prompts);
        using (ids)
        using (mask)
            return Score(model, ids, mask, trie, candidateItems);
    }

    static (int[] Items, long[] RowPrompt) Flatten(IReadOnlyList<int[]> candidateItems, int itemCount)
    {
        List<int> items = [];
        List<long> rowPrompt = [];
        for (var p = 0; p < candidateItems.Count; p++)
        {
            foreach (var item in candidateItems[p] ?? throw new ArgumentException($"prompt {p} has no candidate list", nameof(candidateItems)))
            {
                if ((uint)item >= (uint)itemCount)
                    throw new ArgumentException($"prompt {p}: candidate {item} is not an item of the trie (0..{itemCount - 1})", nameof(candidateItems));
                items.Add(item);
                rowPrompt.Add(p);
            }
        }
        return ([.. items], [.. rowPrompt]);
    }

    // (N, D - 1): every SID token but the last, which nothing has to predict from.
    static long[] TeacherTokens(SidTrie trie, int[] items)
    {
        var width = trie.Depth - 1;
        var tokens = new long[items.Length * width];
        for (var n = 0; n < items.Length; n++)
        {
            var sequence = trie.Sequence(items[n]);
            for (var l = 0; l < width; l++) tokens[n * width + l] = sequence[l];
        }
        return tokens;
    }
}
