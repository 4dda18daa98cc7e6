using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Lora;

/// <summary>
/// A frozen linear layer plus a trainable low-rank update: y = W x + (alpha / r) B A dropout(x), with
/// A (r, in) uniform in +-1/sqrt(in) (PEFT's kaiming_uniform(a=sqrt 5)) and B (out, r) zero, so the layer
/// starts equal to its base. Field names follow PEFT: <c>base_layer</c>, <c>lora_A</c>, <c>lora_B</c>.
/// The adapter is kept in float32 whatever the base dtype (PEFT's autocast_adapter_dtype); its input is
/// cast up and its output back down.
/// </summary>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // PEFT parameter names.
    readonly Linear base_layer;
    readonly Linear lora_A;
    readonly Linear lora_B;
    readonly Dropout lora_dropout;
#pragma warning restore IDE1006
    readonly double _scaling;

    public LoraLinear(Linear baseLayer, LoraOptions options, Generator generator) : base(nameof(LoraLinear))
    {
        ArgumentNullException.ThrowIfNull(baseLayer);
        ArgumentNullException.ThrowIfNull(options);
        var weight = baseLayer.weight!;
        var (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1]);
        base_layer = baseLayer;
        foreach (var p in base_layer.parameters()) p.requires_grad = false;
        lora_A = nn.Linear(inFeatures, options.Rank, hasBias: false, device: weight.device, dtype: ScalarType.Float32);
        lora_B = nn.Linear(options.Rank, outFeatures, hasBias: false, device: weight.device, dtype: ScalarType.Float32);
        lora_dropout = nn.Dropout(options.Dropout);
        _scaling = options.Scaling;
        using (no_grad())
        {
            var bound = 1.0 / Math.Sqrt(inFeatures);
            lora_A.weight!.uniform_(-bound, bound, generator);
            lora_B.weight!.zero_();
        }
        RegisterComponents();
    }

    public Linear BaseLayer => base_layer;

    /// <summary>(r, in) and (out, r): the trainable parameters.</summary>
    public IEnumerable<Parameter> AdapterParameters() => [lora_A.weight!, lora_B.weight!];

    // (..., in) -> (..., out)
    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var result = base_layer.call(x);
        var update = lora_B.call(lora_A.call(lora_dropout.call(x.to(ScalarType.Float32)))) * _scaling;
        return (result + update.to(result.dtype)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Folds the update into the base weight (W += scale B A) and hands the base layer back, unfrozen and no
    /// longer owned by this wrapper, which the caller then disposes.
    /// </summary>
    public Linear MergeAndRelease()
    {
        using (no_grad())
        using (var scope = NewDisposeScope())
        {
            var weight = base_layer.weight!;
            var delta = lora_B.weight!.matmul(lora_A.weight!) * _scaling;                   // (out, in)
            weight.copy_((weight.to(ScalarType.Float32) + delta).to(weight.dtype));
        }
        foreach (var p in base_layer.parameters()) p.requires_grad = true;
        register_module(nameof(base_layer), null!);
        return base_layer;
    }
}
