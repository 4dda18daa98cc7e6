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
