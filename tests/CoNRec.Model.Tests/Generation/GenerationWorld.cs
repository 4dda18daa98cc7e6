using CoNRec.Model.Generation;
using CoNRec.Model.Policy;
using CoNRec.Model.Vocab;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Generation;

/// <summary>A tiny policy, a 12-item catalogue of 3-token SIDs, and a slow reference computed from full forwards.</summary>
internal static class GenerationWorld
{
    // SID tokens 40..47: levels of 3, 3 and 2 codes; prompts use tokens below 40.
    public static readonly SidTokenLayout Layout = new(40, [3, 3, 2]);

    public static readonly int[][] Codes =
    [
        [0, 0, 0], [0, 0, 1], [0, 1, 0], [0, 2, 1], [1, 0, 0], [1, 1, 0],
        [1, 1, 1], [1, 2, 0], [2, 0, 1], [2, 1, 0], [2, 2, 0], [2, 2, 1],
    ];

    public static SidTrie Trie() => new([.. Codes.Select(c => Layout.Encode(c))]);

    public static PolicyModel Model(long seed = 5)
    {
        var model = new PolicyModel(PolicyConfig.Tiny, seed);
        model.eval();
        return model;
    }

    public static readonly int[][] Prompts = [[3, 1, 4, 1, 5], [9, 2, 6], [5, 3, 5, 8, 9, 7, 9]];

    /// <summary>
    /// Per token of the item's SID, log p under the constrained distribution at the temperature, from one full
    /// forward over prompt + SID with no cache, the allowed tokens listed by walking the trie with AllowedNext.
    /// </summary>
    public static double[] ReferenceLogProbs(PolicyModel model, SidTrie trie, int[] prompt, ReadOnlySpan<int> sid, double temperature = 1.0)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        long[] sequence = [.. prompt, .. sid.ToArray()];
        var logits = model.call(tensor(sequence, [1, sequence.Length]))[0].to(ScalarType.Float64);   // (T, V)
        var result = new double[sid.Length];
        for (var l = 0; l < sid.Length; l++)
        {
            var row = logits[prompt.Length - 1 + l].data<double>().ToArray();
            var allowed = trie.AllowedNext(sid[..l]).ToArray();
            var max = allowed.Max(t => row[t] / temperature);
            var logSum = max + Math.Log(allowed.Sum(t => Math.Exp(row[t] / temperature - max)));
            result[l] = row[sid[l]] / temperature - logSum;
        }
        return result;
    }

    /// <summary>The greedy SID under the constrained distribution, token by token from full forwards.</summary>
    public static int[] ReferenceGreedy(PolicyModel model, SidTrie trie, int[] prompt)
    {
        using var scope = NewDisposeScope();
        using var inference = inference_mode();
        var sid = new List<int>();
        for (var l = 0; l < trie.Depth; l++)
        {
            long[] sequence = [.. prompt, .. sid];
            var row = model.call(tensor(sequence, [1, sequence.Length]))[0][-1].data<float>().ToArray();
            var allowed = trie.AllowedNext([.. sid]).ToArray();
            sid.Add(allowed.MaxBy(t => row[t]));
        }
        return [.. sid];
    }
}
