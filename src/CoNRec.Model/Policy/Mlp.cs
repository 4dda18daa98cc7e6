using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>SwiGLU feed-forward: down(silu(gate(x)) * up(x)). The projections are swappable for LoRA.</summary>
public sealed class Mlp : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // Hugging Face parameter names.
    nn.Module<Tensor, Tensor> gate_proj;
    nn.Module<Tensor, Tensor> up_proj;
    nn.Module<Tensor, Tensor> down_proj;
#pragma warning restore IDE1006

    public Mlp(PolicyConfig config, Device device, ScalarType dtype) : base(nameof(Mlp))
    {
        gate_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false, device: device, dtype: dtype);
        up_proj = nn.Linear(config.HiddenSize, config.IntermediateSize, hasBias: false, device: device, dtype: dtype);
        down_proj = nn.Linear(config.IntermediateSize, config.HiddenSize, hasBias: false, device: device, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>Names of the projections <see cref="Projection"/> and <see cref="ReplaceProjection"/> accept.</summary>
    public static IReadOnlyList<string> ProjectionNames { get; } = ["gate_proj", "up_proj", "down_proj"];

    public nn.Module<Tensor, Tensor> Projection(string name) => name switch
    {
        "gate_proj" => gate_proj,
        "up_proj" => up_proj,
        "down_proj" => down_proj,
        _ => throw new ArgumentException($"no MLP projection named '{name}'", nameof(name)),
    };

    /// <summary>Swaps one projection (same name in the state dict); returns the one it replaced, not disposed.</summary>
    public nn.Module<Tensor, Tensor> ReplaceProjection(string name, nn.Module<Tensor, Tensor> replacement)
    {
        var old = Projection(name);
        _ = name switch
        {
            "gate_proj" => gate_proj = replacement,
            "up_proj" => up_proj = replacement,
            _ => down_proj = replacement,
        };
        register_module(name, null!);
        register_module(name, replacement);
        return old;
    }

    // (B, T, C) -> (B, T, C)
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var hidden = nn.functional.silu(gate_proj.call(x)) * up_proj.call(x);   // (B, T, I)
        return down_proj.call(hidden).MoveToOuterDisposeScope();
    }
}
