namespace CoNRec.Model.Generation;

/// <summary>
/// Live beams of a batch, rows grouped by prompt in prompt order: each row's prompt, trie node (which names
/// its prefix), score, and the row of the previous step it extends.
/// </summary>
internal sealed class Beams
{
    Beams(int[] prompt, int[] nodes, double[] scores, int[] parents)
    {
        Prompt = prompt;
        Nodes = nodes;
        Scores = scores;
        Parents = parents;
    }

    public int[] Prompt { get; }
    public int[] Nodes { get; }
    public double[] Scores { get; }
    public int[] Parents { get; }
    public int Count => Nodes.Length;

    /// <summary>One empty beam (the trie root) per prompt.</summary>
    public static Beams Start(int prompts)
    {
        var rows = new int[prompts];
        for (var p = 0; p < prompts; p++) rows[p] = p;
        return new Beams(rows, new int[prompts], new double[prompts], rows);
    }

    /// <summary>Every child of every beam, scored by beam score + its log-probability (row-major (R, width));
    /// keeps the best <paramref name="keep"/> per prompt.</summary>
    public Beams Extend(SidTrie trie, float[] logProbs, int width, int keep)
    {
        List<int> prompt = [], nodes = [], parents = [];
        List<double> scores = [];
        var candidates = new List<(double Score, int Node, int Parent)>();
        for (var start = 0; start < Count;)
        {
            var end = start;
            candidates.Clear();
            while (end < Count && Prompt[end] == Prompt[start])
            {
                var first = trie.FirstChild(Nodes[end]);
                for (var j = 0; j < trie.ChildCount(Nodes[end]); j++)
                    candidates.Add((Scores[end] + logProbs[end * width + j], first + j, end));
                end++;
            }
            candidates.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Node.CompareTo(b.Node));
            for (var c = 0; c < Math.Min(keep, candidates.Count); c++)
            {
                prompt.Add(Prompt[start]);
                nodes.Add(candidates[c].Node);
                scores.Add(candidates[c].Score);
                parents.Add(candidates[c].Parent);
            }
            start = end;
        }
        return new Beams([.. prompt], [.. nodes], [.. scores], [.. parents]);
    }

    /// <summary>Rows of the previous step, as an index for <see cref="Policy.KvCache.Select"/>.</summary>
    public long[] ParentRows() => Array.ConvertAll(Parents, p => (long)p);

    /// <summary>The token each beam took last (the edge into its node).</summary>
    public long[] Tokens(SidTrie trie)
    {
        var tokens = new long[Count];
        for (var r = 0; r < Count; r++) tokens[r] = trie.TokenInto(Nodes[r]);
        return tokens;
    }

    /// <summary>Finished beams as items, per prompt, in the order kept (best first).</summary>
    public ScoredItem[][] Results(SidTrie trie, int prompts)
    {
        var lists = new List<ScoredItem>[prompts];
        for (var p = 0; p < prompts; p++) lists[p] = [];
        for (var r = 0; r < Count; r++) lists[Prompt[r]].Add(new ScoredItem(trie.ItemAt(Nodes[r]), Scores[r]));
        return Array.ConvertAll(lists, l => l.ToArray());
    }
}
