using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// What every layer's attention needs besides the hidden states, computed once per forward.
/// </summary>
/// <param name="Cos">(B, T, head_dim) rotary cosines of the new tokens' positions.</param>
/// <param name="Sin">(B, T, head_dim) rotary sines.</param>
/// <param name="Mask">(B, 1, T, S) bool: true where a new token may attend to a slot (causal and not padding).</param>
/// <param name="Cache">Past keys and values to extend, or null for a full recomputation.</param>
public sealed record AttentionInputs(Tensor Cos, Tensor Sin, Tensor Mask, KvCache? Cache);
