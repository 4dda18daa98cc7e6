using CoNRec.Model.Generation;

namespace CoNRec.Model.Tests.Generation;

public sealed class BeamSearchTests
{
    static double[] Exhaustive(CoNRec.Model.Policy.PolicyModel model, SidTrie trie, int[] prompt) =>
        [.. Enumerable.Range(0, trie.ItemCount).Select(i => GenerationWorld.ReferenceLogProbs(model, trie, prompt, trie.Sequence(i)).Sum())];

    [Fact]
    public void A_beam_as_wide_as_the_catalogue_ranks_every_item_as_exhaustive_scoring_does()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();

        var results = BeamSearch.TopK(model, GenerationWorld.Prompts, trie, k: 12, beamWidth: 12);

        Assert.Equal(GenerationWorld.Prompts.Length, results.Count);
        for (var p = 0; p < results.Count; p++)
        {
            var expected = Exhaustive(model, trie, GenerationWorld.Prompts[p]);
            var ranked = expected.Select((score, item) => (score, item)).OrderByDescending(x => x.score).Select(x => x.item).ToArray();
            Assert.Equal(ranked, results[p].Select(r => r.Item).ToArray());
            foreach (var (item, logProb) in results[p]) Assert.Equal(expected[item], logProb, 1e-4);
            Assert.Equal(1.0, expected.Sum(Math.Exp), 1e-6);
        }
    }

    [Fact]
    public void Top_k_items_are_distinct_and_sorted_best_first()
    {
        using var model = GenerationWorld.Model(seed: 8);
        var trie = GenerationWorld.Trie();

        var top = BeamSearch.TopK(model, GenerationWorld.Prompts[2], trie, k: 5, beamWidth: 6);

        Assert.Equal(5, top.Length);
        Assert.Equal(5, top.Select(r => r.Item).Distinct().Count());
        for (var i = 1; i < top.Length; i++) Assert.True(top[i - 1].LogProb >= top[i].LogProb);
        var best = Exhaustive(model, trie, GenerationWorld.Prompts[2]).Max();
        Assert.Equal(best, top[0].LogProb, 1e-4);
    }

    [Fact]
    public void Asking_for_more_items_than_exist_returns_them_all()
    {
        using var model = GenerationWorld.Model();

        var top = BeamSearch.TopK(model, GenerationWorld.Prompts[0], GenerationWorld.Trie(), k: 20, beamWidth: 20);

        Assert.Equal(12, top.Length);
    }

    [Fact]
    public void A_beam_narrower_than_k_is_refused()
    {
        using var model = GenerationWorld.Model();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BeamSearch.TopK(model, GenerationWorld.Prompts[0], GenerationWorld.Trie(), k: 5, beamWidth: 4));

        Assert.Equal("beamWidth", error.ParamName);
    }
}
