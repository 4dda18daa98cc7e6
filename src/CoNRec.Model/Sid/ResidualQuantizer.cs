using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CoNRec.Model.Sid;

/// <summary>What the residual quantiser returns for a batch of latents.</summary>
/// <param name="Quantized">(B, D) sum of the chosen codewords, passed straight through to the latent's gradient.</param>
/// <param name="Codes">(B, L) int64 code per level.</param>
/// <param name="Loss">() sum over levels of the codebook and commitment losses, each a mean over elements.</param>
public sealed record QuantizerOutput(Tensor Quantized, Tensor Codes, Tensor Loss);

/// <summary>
/// Residual quantiser: level l picks the codeword of codebook l nearest (L2) to the residual left by the
/// levels before it. Loss per level: ||sg(r) - c||^2 + beta ||r - sg(c)||^2 (means over elements); with EMA
/// codebooks the first term is replaced by moving-average updates in training mode.
/// </summary>
public sealed class ResidualQuantizer : Module<Tensor, QuantizerOutput>
{
    private readonly ParameterList codebooks;
    readonly double _beta;
    readonly bool _ema;
    readonly double _decay;
    readonly double _epsilon;

    public ResidualQuantizer(int levels, int codebookSize, int latentDim, double beta, bool ema, double emaDecay, double emaEpsilon, Generator generator)
        : base(nameof(ResidualQuantizer))
    {
        _beta = beta;
        _ema = ema;
        _decay = emaDecay;
        _epsilon = emaEpsilon;
        var bound = 1.0 / codebookSize;
        codebooks = new ParameterList();
        for (var l = 0; l < levels; l++)
        {
            using var weight = empty(codebookSize, latentDim).uniform_(-bound, bound, generator);
            codebooks.Add(new Parameter(weight, requires_grad: !ema));
        }
        RegisterComponents();
        // EMA state (per level: cluster sizes (K), codeword sums (K, D)) is looked up by name so that it
        // follows the module across devices.
        for (var l = 0; l < levels && ema; l++)
        {
            register_buffer(EmaCounts(l), ones(codebookSize));
            using var detached = codebooks[l].detach();
            register_buffer(EmaSums(l), detached.clone());
        }
    }

    public int Levels => codebooks.Count;

    public int CodebookSize => (int)codebooks[0].shape[0];

    /// <summary>(K, D) codebook of one level (the live parameter).</summary>
    public Parameter Codebook(int level) => codebooks[level];

    public override QuantizerOutput forward(Tensor latent) // latent (B, D)
    {
        using var scope = NewDisposeScope();
        var residual = latent;
        var quantized = zeros_like(latent);
        var loss = zeros([], latent.dtype, latent.device);
        var codes = new Tensor[Levels];
        for (var l = 0; l < Levels; l++)
        {
            var target = residual.detach();
            codes[l] = Nearest(target, codebooks[l]); // (B)
            if (_ema && training) EmaUpdate(l, target, codes[l]);
            var chosen = codebooks[l].index_select(0, codes[l]); // (B, D)
            var commitment = functional.mse_loss(residual, chosen.detach());
            loss = _ema
                ? loss + _beta * commitment
                : loss + functional.mse_loss(chosen, target) + _beta * commitment;
            quantized = quantized + chosen.detach();
            residual = residual - chosen.detach();
        }
        // Straight-through: the decoder sees the codewords, the encoder receives the decoder's gradient.
        var straightThrough = latent + (quantized - latent).detach();
        var output = new QuantizerOutput(straightThrough, stack(codes, 1), loss);
        output.Quantized.MoveToOuterDisposeScope();
        output.Codes.MoveToOuterDisposeScope();
        output.Loss.MoveToOuterDisposeScope();
        return output;
    }

    /// <summary>(B, L) codes of the latents, without losses or updates.</summary>
    public Tensor Assign(Tensor latent) // latent (B, D)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var residual = latent;
        var codes = new Tensor[Levels];
        for (var l = 0; l < Levels; l++)
        {
            codes[l] = Nearest(residual, codebooks[l]);
            residual = residual - codebooks[l].index_select(0, codes[l]);
        }
        return stack(codes, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Overwrites chosen codewords of one level (k-means initialisation, dead-code reset).</summary>
    public void SetCodewords(int level, Tensor rows, Tensor values) // rows (R), values (R, D)
    {
        using var _ = no_grad();
        codebooks[level].index_copy_(0, rows, values);
        if (!_ema) return;
        get_buffer(EmaCounts(level))!.index_fill_(0, rows, 1.0);
        get_buffer(EmaSums(level))!.index_copy_(0, rows, values);
    }

    /// <summary>Index of the nearest codeword for every row: argmin ||r||^2 - 2 r.c + ||c||^2.</summary>
    internal static Tensor Nearest(Tensor residual, Tensor codebook) // (B, D), (K, D) -> (B)
    {
        using var scope = NewDisposeScope();
        var distances = residual.pow(2).sum(1, keepdim: true)
                        - 2 * residual.matmul(codebook.detach().t())
                        + codebook.detach().pow(2).sum(1).unsqueeze(0); // (B, K)
        return distances.argmin(1).MoveToOuterDisposeScope();
    }

    static string EmaCounts(int level) => $"ema_counts_{level}";

    static string EmaSums(int level) => $"ema_sums_{level}";

    void EmaUpdate(int level, Tensor residual, Tensor codes)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var size = CodebookSize;
        var counts = get_buffer(EmaCounts(level))!;
        var sums = get_buffer(EmaSums(level))!;
        var onehot = functional.one_hot(codes, size).to(residual.dtype); // (B, K)
        counts.mul_(_decay).add_(onehot.sum(0L), alpha: 1 - _decay); // 0L: a plain 0 would bind to sum(ScalarType)
        sums.mul_(_decay).add_(onehot.t().matmul(residual), alpha: 1 - _decay); // (K, D)
        // Laplace smoothing keeps rarely chosen codes from dividing by ~0.
        var total = counts.sum();
        var smoothed = (counts + _epsilon) / (total + size * _epsilon) * total;
        codebooks[level].copy_(sums / smoothed.unsqueeze(1));
    }
}
