using CoNRec.Model.Policy;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Policy;

public sealed class PrecisionTests
{
    [Fact]
    public void A_bf16_forward_gives_finite_logits_close_to_fp32()
    {
        using var scope = NewDisposeScope();
        using var full = new PolicyModel(PolicyConfig.Tiny, seed: 2);
        using var half = new PolicyModel(PolicyConfig.Tiny with { DType = "bf16" });
        using (no_grad())
        {
            var source = full.state_dict();
            foreach (var (name, target) in half.state_dict()) target.copy_(source[name]);
        }
        full.eval();
        half.eval();
        using var inference = inference_mode();
        var ids = tensor(new long[,] { { 1, 2, 3, 4, 5, 6 } });

        var expected = full.call(ids);
        using var cache = new KvCache(PolicyConfig.Tiny.NumHiddenLayers);
        var actual = half.forward(ids, positions: null, cache);

        Assert.Equal(ScalarType.BFloat16, actual.dtype);
        Assert.True(actual.isfinite().all().item<bool>());
        var scale = expected.abs().max().item<float>();
        var gap = (expected - actual.to(ScalarType.Float32)).abs().max().item<float>();
        Assert.True(gap <= 0.05 * scale, $"bf16 differs by {gap}, logits reach {scale}");
    }
}
