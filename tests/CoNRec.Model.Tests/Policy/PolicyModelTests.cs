using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Policy;

public sealed class PolicyModelTests
{
    static Tensor Ids(long[,] values) => tensor(values);

    static void AssertClose(Tensor expected, Tensor actual, double tolerance)
    {
        Assert.Equal(expected.shape, actual.shape);
        var gap = (expected.to(ScalarType.Float32) - actual.to(ScalarType.Float32)).abs().max().item<float>();
        Assert.True(gap <= tolerance, $"max |difference| {gap} > {tolerance}");
    }

    [Fact]
    public void State_dict_keys_are_the_hugging_face_qwen3_names()
    {
        using var model = new PolicyModel(PolicyConfig.Tiny);

        var keys = model.state_dict().Keys.Order(StringComparer.Ordinal).ToArray();

        string[] perLayer =
        [
            "input_layernorm.weight", "mlp.down_proj.weight", "mlp.gate_proj.weight", "mlp.up_proj.weight",
            "post_attention_layernorm.weight", "self_attn.k_norm.weight", "self_attn.k_proj.weight", "self_attn.o_proj.weight",
            "self_attn.q_norm.weight", "self_attn.q_proj.weight", "self_attn.v_proj.weight",
        ];
        var expected = new[] { "lm_head.weight", "model.embed_tokens.weight", "model.norm.weight" }
            .Concat(Enumerable.Range(0, 2).SelectMany(i => perLayer.Select(p => $"model.layers.{i}.{p}")))
            .Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, keys);
        Assert.Equal(new long[] { 8 }, model.state_dict()["model.layers.0.self_attn.q_norm.weight"].shape);
        Assert.Equal(new long[] { 16, 32 }, model.state_dict()["model.layers.1.self_attn.k_proj.weight"].shape);
    }

    [Fact]
    public void Tied_embeddings_have_no_lm_head_and_project_with_the_embedding_matrix()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny with { TieWordEmbeddings = true }, seed: 3);
        model.eval();

        var logits = model.call(Ids(new long[,] { { 1, 2, 3 } }));

        Assert.DoesNotContain("lm_head.weight", model.state_dict().Keys);
        Assert.Equal(new long[] { 1, 3, 64 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_does_not()
    {
        using var scope = NewDisposeScope();
        using var a = new PolicyModel(PolicyConfig.Tiny, seed: 7);
        using var b = new PolicyModel(PolicyConfig.Tiny, seed: 7);
        using var c = new PolicyModel(PolicyConfig.Tiny, seed: 8);

        var key = "model.layers.0.self_attn.q_proj.weight";

        Assert.True(a.state_dict()[key].equal(b.state_dict()[key]).all().item<bool>());
        Assert.False(a.state_dict()[key].equal(c.state_dict()[key]).all().item<bool>());
        Assert.Equal(1f, a.state_dict()["model.norm.weight"].mean().item<float>());
    }

    [Fact]
    public void A_later_token_does_not_change_the_logits_of_earlier_ones()
    {
        using var scope = NewDisposeScope();
        using var model = new PolicyModel(PolicyConfig.Tiny, seed: 1);
        model.eval();
        using var inference = inference_mode();

        var shortLogits = model.call(Ids(new long[,] { { 5, 9, 11 } }));
        var longLogits = model.call(Ids(new long[,] { { 5, 9, 11, 40 } }));

        AssertClose(shortLogits, longLogits.narrow(1, 0, 3), 1e-5);
    }

    [Fact]
    public void A_model_built_inside_a_dispose_scope_outlives_it()
    {
        PolicyModel model;
        using (NewDisposeScope()) model = new PolicyModel(PolicyConfig.Tiny);
        using var scope = NewDisposeScope();

        var logits = model.call(Ids(new long[,] { { 1, 2 } }));

        Assert.True(logits.isfinite().all().item<bool>());
        model.Dispose();
    }
}
