using CoNRec.Core.Grpo;
using CoNRec.Model.Grpo;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Grpo;

public sealed class GrpoLossKlTests
{
    [Fact]
    public void K3_matches_the_hand_computed_values_and_is_zero_when_equal()
    {
        using var scope = NewDisposeScope();
        // Three tokens, d = ref - logp:
        //   logp = ln 0.5,  ref = ln 0.25: d = -ln 2 -> k3 = 0.5 + ln 2 - 1 = 0.1931472
        //   logp = ln 0.25, ref = ln 0.5:  d =  ln 2 -> k3 = 2 - ln 2 - 1  = 0.3068528
        //   logp = ln 0.4,  ref = ln 0.4:  d = 0     -> k3 = 1 - 0 - 1    = 0
        var logp = tensor(new[] { (float)Math.Log(0.5), (float)Math.Log(0.25), (float)Math.Log(0.4) }, [3, 1]);
        var reference = tensor(new[] { (float)Math.Log(0.25), (float)Math.Log(0.5), (float)Math.Log(0.4) }, [3, 1]);

        var k3 = GrpoLoss.K3(reference - logp);
        // With A = 0 and ratio 1 the loss is beta * token-mean(k3) = 0.5 * (0.1931472 + 0.3068528 + 0) / 3 = 0.5 * 0.5 / 3 = 0.0833333.
        var options = new GrpoOptions { Beta = 0.5 };
        var result = GrpoLoss.Compute(logp, logp, reference, zeros(3), ones(3, 1), null, options);

        Assert.Equal(0.5 + Math.Log(2) - 1, k3[0, 0].item<float>(), 6);
        Assert.Equal(1 - Math.Log(2), k3[1, 0].item<float>(), 6);
        Assert.Equal(0f, k3[2, 0].item<float>());
        Assert.Equal(0.5 / 3, result.Metrics.Kl, 6);
        Assert.Equal(0.5 * 0.5 / 3, result.Loss.item<float>(), 6);
    }

    [Fact]
    public void Kl_gradient_pushes_log_probs_toward_the_reference()
    {
        using var scope = NewDisposeScope();
        // d k3 / d logp = -exp(ref - logp) + 1: token 0 has logp above ref (0.5 vs 0.25) -> 1 - 0.5 = +0.5 (descent lowers it);
        // token 1 has logp below ref (0.25 vs 0.5) -> 1 - 2 = -1 (descent raises it). Loss = mean over 2 tokens, beta 1.
        var logp = tensor(new[] { (float)Math.Log(0.5), (float)Math.Log(0.25) }, [2, 1]).requires_grad_();
        var reference = tensor(new[] { (float)Math.Log(0.25), (float)Math.Log(0.5) }, [2, 1]);

        var result = GrpoLoss.Compute(logp, logp.detach(), reference, zeros(2), ones(2, 1), null, new GrpoOptions { Beta = 1 });
        result.Loss.backward();

        Assert.Equal(0.5 / 2, logp.grad![0, 0].item<float>(), 6);
        Assert.Equal(-1.0 / 2, logp.grad![1, 0].item<float>(), 6);
    }

    [Fact]
    public void A_reference_is_required_when_beta_is_positive()
    {
        using var scope = NewDisposeScope();

        var error = Assert.Throws<ArgumentException>(() =>
            GrpoLoss.Compute(zeros(1, 1), zeros(1, 1), null, zeros(1), ones(1, 1), null, new GrpoOptions { Beta = 0.04 }));

        Assert.Contains("grpo.beta is 0.04", error.Message, StringComparison.Ordinal);
    }
}
