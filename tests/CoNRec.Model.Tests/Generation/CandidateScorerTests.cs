using CoNRec.Model.Generation;

namespace CoNRec.Model.Tests.Generation;

public sealed class CandidateScorerTests
{
    [Fact]
    public void A_candidate_scores_what_beam_search_scored_it()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();
        var beams = BeamSearch.TopK(model, GenerationWorld.Prompts, trie, k: 12, beamWidth: 12);
        int[][] candidates = [[3, 7, 0], [11], [5, 5, 2, 9]];

        var scores = CandidateScorer.Score(model, GenerationWorld.Prompts, trie, candidates);

        for (var p = 0; p < candidates.Length; p++)
        {
            Assert.Equal(candidates[p].Length, scores[p].Length);
            for (var c = 0; c < candidates[p].Length; c++)
                Assert.Equal(beams[p].Single(b => b.Item == candidates[p][c]).LogProb, scores[p][c], 1e-5);
        }
    }

    [Fact]
    public void One_prompt_scores_equal_the_full_forward_reference()
    {
        using var model = GenerationWorld.Model(seed: 21);
        var trie = GenerationWorld.Trie();
        var prompt = GenerationWorld.Prompts[1];
        int[] candidates = [.. Enumerable.Range(0, trie.ItemCount)];

        var scores = CandidateScorer.Score(model, prompt, trie, candidates);

        for (var i = 0; i < candidates.Length; i++)
            Assert.Equal(GenerationWorld.ReferenceLogProbs(model, trie, prompt, trie.Sequence(i)).Sum(), scores[i], 1e-4);
    }

    [Fact]
    public void A_candidate_outside_the_catalogue_is_refused()
    {
        using var model = GenerationWorld.Model();

        var error = Assert.Throws<ArgumentException>(() => CandidateScorer.Score(model, GenerationWorld.Prompts[0], GenerationWorld.Trie(), [1, 12]));

        Assert.Contains("candidate 12", error.Message, StringComparison.Ordinal);
    }
}
