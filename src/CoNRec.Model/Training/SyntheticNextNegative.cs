using CoNRec.Model.Tasks;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Training;

/// <summary>
/// Next-negative examples in the task format (<c>&lt;bos&gt;&lt;task_next_neg&gt;&lt;ctx_neg&gt; SIDs &lt;answer&gt; | SID &lt;eos&gt;</c>)
/// over random distinct SIDs, for benchmarks. Each synthetic user dislikes items of three first-level codes, context and
/// target alike, so the loss has something to learn; the shapes, not the data, are what a benchmark measures.
/// </summary>
internal static class SyntheticNextNegative
{
    const int TasteCodes = 3;

    /// <param name="layout">The SID block; the reserved tokens take ids 0.. in <see cref="ReservedTokens.All"/> order.</param>
    public static List<TrainingExample> Create(SidTokenLayout layout, int items, int examples, int minContextTokens, int maxContextTokens, int seed)
    {
        var random = new Random(seed);
        var byFirstCode = ItemsByFirstCode(layout, items, random);
        var clusters = byFirstCode.Where(c => c.Count > 0).ToArray();
        var sid = layout.Levels;
        // <bos>, task, <ctx_neg> and <answer> around the context SIDs.
        var minItems = (minContextTokens - 4 + sid - 1) / sid;
        var maxItems = Math.Max(minItems, (maxContextTokens - 4) / sid);
        int[] opening = [Reserved(ReservedTokens.Bos), Reserved(ReservedTokens.TaskNextNegative), Reserved(ReservedTokens.ContextNegatives)];
        var answerId = Reserved(ReservedTokens.Answer);
        var eosId = Reserved(ReservedTokens.Eos);

        var result = new List<TrainingExample>(examples);
        var taste = new List<int[]>[TasteCodes];
        for (var e = 0; e < examples; e++)
        {
            for (var k = 0; k < TasteCodes; k++) taste[k] = clusters[random.Next(clusters.Length)];
            var contextItems = random.Next(minItems, maxItems + 1);
            var ids = new List<int>(4 + (contextItems + 1) * sid + 1);
            ids.AddRange(opening);
            for (var i = 0; i < contextItems; i++) ids.AddRange(Pick(taste, random));
            ids.Add(answerId);
            var promptLength = ids.Count;
            ids.AddRange(Pick(taste, random));
            ids.Add(eosId);
            result.Add(new TrainingExample([.. ids], promptLength));
        }
        return result;
    }

    static int[] Pick(List<int[]>[] taste, Random random)
    {
        var cluster = taste[random.Next(taste.Length)];
        return cluster[random.Next(cluster.Count)];
    }

    // Distinct random code tuples as token ids, grouped by their first code.
    static List<int[]>[] ItemsByFirstCode(SidTokenLayout layout, int count, Random random)
    {
        var groups = new List<int[]>[layout.LevelSizes[0]];
        for (var g = 0; g < groups.Length; g++) groups[g] = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var codes = new int[layout.Levels];
        for (var made = 0; made < count;)
        {
            for (var l = 0; l < codes.Length; l++) codes[l] = random.Next(layout.LevelSizes[l]);
            if (!seen.Add(string.Join(',', codes))) continue;
            groups[codes[0]].Add(layout.Encode(codes));
            made++;
        }
        return groups;
    }

    public static int Reserved(string token)
    {
        for (var i = 0; i < ReservedTokens.All.Count; i++)
            if (ReservedTokens.All[i] == token) return i;
        throw new KeyNotFoundException($"'{token}' is not a reserved token");
    }
}
