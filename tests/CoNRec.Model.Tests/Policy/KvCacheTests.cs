using CoNRec.Model.Policy;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Policy;

public sealed class KvCacheTests
{
    const double Tolerance = 1e-4;

    static PolicyModel NewModel()
    {
        var model = new PolicyModel(PolicyConfig.Tiny, seed: 11);
        model.eval();
        return model;
    }

    static void AssertClose(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.shape, actual.shape);
        var gap = (expected - actual).abs().max().item<float>();
        Assert.True(gap <= Tolerance, $"max |difference| {gap} > {Tolerance}");
    }

    [Fact]
    public void Incremental_decoding_with_the_cache_matches_full_recomputation()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var inference = inference_mode();
        var ids = tensor(new long[,] { { 3, 14, 15, 9, 26, 5 }, { 1, 2, 3, 4, 5, 6 } });

        var full = model.call(ids);                                                      // (2, 6, V)
        using var cache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        var prefix = model.forward(ids.narrow(1, 0, 3), positions: null, cache);
        var steps = Enumerable.Range(3, 3).Select(t => model.forward(ids.narrow(1, t, 1), positions: null, cache)).ToArray();

        AssertClose(full.narrow(1, 0, 3), prefix);
        for (var i = 0; i < steps.Length; i++) AssertClose(full.narrow(1, 3 + i, 1), steps[i]);
        Assert.Equal(6, cache.Length);
        Assert.Equal(new long[] { 6, 6 }, cache.NextPositions!.data<long>().ToArray());
    }

    [Fact]
    public void One_prompt_cache_repeated_for_a_group_feeds_each_continuation_as_a_full_pass_would()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var inference = inference_mode();
        const int group = 3;
        var prompt = tensor(new long[,] { { 7, 8, 9, 10 } });
        var continuations = tensor(new long[,] { { 20, 21 }, { 30, 31 }, { 40, 41 } });    // (G, 2)

        using var promptCache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        model.forward(prompt, positions: null, promptCache);
        using var groupCache = promptCache.RepeatInterleave(group);
        var cached = model.forward(continuations, positions: null, groupCache);           // (G, 2, V)
        var full = model.call(cat([prompt.expand(group, 4), continuations], 1)).narrow(1, 4, 2);

        AssertClose(full, cached);
        Assert.Equal(1, promptCache.BatchSize);
        Assert.Equal(group, groupCache.BatchSize);
    }

    [Fact]
    public void Prompts_repeated_by_group_keep_rows_in_prompt_major_order()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var inference = inference_mode();
        var prompts = tensor(new long[,] { { 7, 8 }, { 50, 51 } });

        using var cache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        model.forward(prompts, positions: null, cache);
        using var repeated = cache.RepeatInterleave(2);
        var next = tensor(new long[,] { { 1 }, { 2 }, { 3 }, { 4 } });
        var cached = model.forward(next, positions: null, repeated);
        var full = model.call(cat([prompts.repeat_interleave(2, dim: 0), next], 1)).narrow(1, 2, 1);

        AssertClose(full, cached);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Padded_batches_decode_each_row_as_if_it_were_alone(bool leftPadding)
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var inference = inference_mode();
        long[] shortRow = [4, 5], longRow = [6, 7, 8, 9];
        long[] padded = leftPadding ? [0, 0, .. shortRow] : [.. shortRow, 0, 0];
        long[] padMask = leftPadding ? [0, 0, 1, 1] : [1, 1, 0, 0];
        var prompts = stack([tensor(padded), tensor(longRow)]);                           // (2, 4)
        var mask = stack([tensor(padMask), tensor(new long[] { 1, 1, 1, 1 })]);
        var next = tensor(new long[,] { { 33 }, { 44 } });

        using var cache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        var promptLogits = model.forward(prompts, positions: null, cache, mask);
        var stepLogits = model.forward(next, positions: null, cache);

        var aloneShort = model.call(tensor(new long[,] { { 4, 5, 33 } }));
        var aloneLong = model.call(tensor(new long[,] { { 6, 7, 8, 9, 44 } }));
        var realShort = leftPadding ? promptLogits[0].narrow(0, 2, 2) : promptLogits[0].narrow(0, 0, 2);
        AssertClose(aloneShort[0].narrow(0, 0, 2), realShort);
        AssertClose(aloneShort[0].narrow(0, 2, 1), stepLogits[0]);
        AssertClose(aloneLong[0].narrow(0, 4, 1), stepLogits[1]);
        Assert.True(promptLogits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Only_the_last_positions_get_logits_when_asked()
    {
        using var scope = NewDisposeScope();
        using var model = NewModel();
        using var inference = inference_mode();
        var ids = tensor(new long[,] { { 3, 4, 5 } });

        var last = model.forward(ids, positions: null, cache: null, logitsToKeep: 1);

        AssertClose(model.call(ids).narrow(1, 2, 1), last);
    }

    [Fact]
    public void Decoding_with_a_cache_does_not_grow_the_live_tensor_count()
    {
        using var model = NewModel();
        using var inference = inference_mode();
        using var cache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        using var prompt = tensor(new long[,] { { 1, 2, 3 } });
        using var token = tensor(new long[,] { { 4 } });
        Step(prompt);
        Step(token);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;

        for (var i = 0; i < 20; i++) Step(token);

        Assert.Equal(before, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.Equal(24, cache.Length);

        void Step(Tensor ids)
        {
            using var scope = NewDisposeScope();
            model.forward(ids, positions: null, cache);
        }
    }
}
