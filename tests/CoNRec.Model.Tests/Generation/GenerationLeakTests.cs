using CoNRec.Model.Generation;
using TorchSharp;

namespace CoNRec.Model.Tests.Generation;

public sealed class GenerationLeakTests
{
    [Fact]
    public void Repeated_generation_calls_do_not_grow_the_live_tensor_count()
    {
        using var model = GenerationWorld.Model();
        var trie = GenerationWorld.Trie();
        Generate(0);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 1; i <= 20; i++) Generate(i);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);

        void Generate(int seed)
        {
            GroupSampler.Sample(model, GenerationWorld.Prompts, trie, 4, 0.9, seed);
            BeamSearch.TopK(model, GenerationWorld.Prompts, trie, k: 4, beamWidth: 6);
            CandidateScorer.Score(model, GenerationWorld.Prompts[0], trie, [1, 2, 3]);
        }
    }
}
