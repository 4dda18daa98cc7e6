using CoNRec.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Training;

public sealed class AdamWTests
{
    [Fact]
    public void Steps_match_torch_adamw_on_a_small_regression()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var ours = nn.Linear(4, 2);
        var reference = nn.Linear(4, 2);
        reference.load_state_dict(ours.state_dict());
        var x = randn(8, 4);
        var y = randn(8, 2);
        using var optimizer = new AdamW(ours.named_parameters(), weightDecay: 0.05);
        var torchOptimizer = optim.AdamW(reference.parameters(), lr: 0.01, weight_decay: 0.05);

        for (var step = 0; step < 5; step++)
        {
            optimizer.ZeroGrad();
            nn.functional.mse_loss(ours.call(x), y).backward();
            optimizer.Update(0.01);
            torchOptimizer.zero_grad();
            nn.functional.mse_loss(reference.call(x), y).backward();
            torchOptimizer.step();
        }

        Assert.True(ours.weight!.allclose(reference.weight!, rtol: 1e-5, atol: 1e-6));
        Assert.True(ours.bias!.allclose(reference.bias!, rtol: 1e-5, atol: 1e-6));
        Assert.Equal(5, optimizer.Step);
    }

    [Fact]
    public void Restored_state_continues_exactly_like_the_original()
    {
        using var scope = NewDisposeScope();
        manual_seed(5);
        var a = nn.Linear(3, 3);
        var b = nn.Linear(3, 3);
        var x = randn(4, 3);
        using var first = new AdamW(a.named_parameters());
        void Step(nn.Module<Tensor, Tensor> m, AdamW o)
        {
            o.ZeroGrad();
            m.call(x).pow(2).sum().backward();
            o.Update(0.05);
        }
        Step(a, first);
        Step(a, first);
        b.load_state_dict(a.state_dict());
        using var second = new AdamW(b.named_parameters());
        second.LoadState(first.StateTensors().ToDictionary(kv => kv.Key, kv => kv.Value.clone()), first.Step);

        Step(a, first);
        Step(b, second);

        Assert.Equal(a.weight!.data<float>().ToArray(), b.weight!.data<float>().ToArray());
    }

    [Fact]
    public void State_for_an_unknown_parameter_is_refused()
    {
        using var scope = NewDisposeScope();
        using var optimizer = new AdamW(nn.Linear(2, 2).named_parameters());

        var error = Assert.Throws<InvalidDataException>(() => optimizer.LoadState(new Dictionary<string, Tensor> { ["nope.exp_avg"] = zeros(2) }, 1));

        Assert.Contains("nope.exp_avg", error.Message);
    }
}

public sealed class AdamWMixedPrecisionTests
{
    [Fact]
    public void Bf16_parameters_follow_an_fp32_master_copy_that_keeps_small_updates()
    {
        using var scope = NewDisposeScope();
        manual_seed(4);
        var reference = nn.Linear(4, 4);
        var low = nn.Linear(4, 4);
        low.load_state_dict(reference.state_dict());
        low.to(ScalarType.BFloat16);
        var initial = reference.weight!.detach().clone();
        var x = randn(8, 4);
        using var fp32 = new AdamW(reference.named_parameters());
        using var bf16 = new AdamW(low.named_parameters());

        for (var step = 0; step < 20; step++)
        {
            fp32.ZeroGrad();
            reference.call(x).pow(2).mean().backward();
            fp32.Update(1e-4);
            bf16.ZeroGrad();
            low.call(x.to(ScalarType.BFloat16)).to(ScalarType.Float32).pow(2).mean().backward();
            bf16.Update(1e-4);
        }

        var master = bf16.StateTensors()["weight.master"];
        Assert.Equal(ScalarType.Float32, master.dtype);
        // 20 steps of 1e-4 are below bf16's resolution near 0.5, yet the master copy moved like the fp32 run.
        var fp32Moved = (reference.weight! - initial).abs().mean().item<float>();
        var masterMoved = (master - initial).abs().mean().item<float>();
        var gap = (master - reference.weight!).abs().mean().item<float>();
        Assert.True(masterMoved > 0.5 * fp32Moved, $"master moved {masterMoved}, fp32 {fp32Moved}");
        Assert.True(gap < 0.25 * fp32Moved, $"gap {gap}, fp32 moved {fp32Moved}");
        Assert.True(low.weight!.to(ScalarType.Float32).allclose(master, rtol: 1e-2, atol: 1e-2));
    }
}
