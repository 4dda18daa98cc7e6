using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace CoNRec.Model.Sid;

/// <summary>What the RQ-VAE returns for a batch of raw features.</summary>
/// <param name="Reconstruction">(B, Din) decoder output, in normalised feature space.</param>
/// <param name="Codes">(B, L) int64 code per level.</param>
/// <param name="ReconstructionLoss">() mean squared error over elements, against the normalised input.</param>
/// <param name="QuantizationLoss">() sum over levels of the codebook and commitment losses (means over elements).</param>
/// <param name="Loss">() ReconstructionLoss + QuantizationLoss.</param>
public sealed record RqVaeOutput(Tensor Reconstruction, Tensor Codes, Tensor ReconstructionLoss, Tensor QuantizationLoss, Tensor Loss);

/// <summary>
/// RQ-VAE over item features: normalise with stored per-dimension mean/std, MLP encoder to the latent,
/// residual quantiser (one codebook per level), MLP decoder back. Parameter names (the checkpoint schema):
/// <c>norm_mean</c>, <c>norm_std</c>, <c>encoder.{i}.weight|bias</c>, <c>rq.codebooks.{l}</c>, <c>decoder.{i}.weight|bias</c>.
/// </summary>
public sealed class RqVae : Module<Tensor, RqVaeOutput>
{
    private readonly Sequential encoder;
    private readonly ResidualQuantizer rq;
    private readonly Sequential decoder;

    /// <summary>Builds the model on the CPU, weights drawn from <see cref="RqVaeOptions.Seed"/>; move it with <c>to()</c>.</summary>
    public RqVae(int inputDim, RqVaeOptions options) : base(nameof(RqVae))
    {
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(inputDim, 1);
        InputDim = inputDim;
        Options = options;
        using var generator = new Generator((ulong)options.Seed);
        encoder = Mlp([inputDim, .. options.HiddenDims, options.LatentDim], options.Activation, generator);
        rq = new ResidualQuantizer(options.Levels, options.CodebookSize, options.LatentDim, options.Beta,
            options.Ema, options.EmaDecay, options.EmaEpsilon, generator);
        decoder = Mlp([options.LatentDim, .. options.HiddenDims.Reverse(), inputDim], options.Activation, generator);
        RegisterComponents();
        register_buffer("norm_mean", zeros(inputDim));
        register_buffer("norm_std", ones(inputDim));
    }

    public int InputDim { get; }

    public RqVaeOptions Options { get; }

    public ResidualQuantizer Quantizer => rq;

    /// <summary>Stores the normalisation applied to every input (computed on the training features).</summary>
    public void SetNormalisation(float[] mean, float[] std)
    {
        if (mean.Length != InputDim || std.Length != InputDim)
            throw new ArgumentException($"normalisation stats have {mean.Length}/{std.Length} values, the model's input has {InputDim}");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        get_buffer("norm_mean")!.copy_(tensor(mean));
        get_buffer("norm_std")!.copy_(tensor(std));
    }

    public override RqVaeOutput forward(Tensor features) // features (B, Din), raw
    {
        using var scope = NewDisposeScope();
        var normalised = Normalise(features);
        var latent = encoder.call(normalised); // (B, D)
        var quantized = rq.call(latent);
        var reconstruction = decoder.call(quantized.Quantized); // (B, Din)
        var reconstructionLoss = functional.mse_loss(reconstruction, normalised);
        var output = new RqVaeOutput(reconstruction, quantized.Codes, reconstructionLoss, quantized.Loss, reconstructionLoss + quantized.Loss);
        foreach (var t in new[] { output.Reconstruction, output.Codes, output.ReconstructionLoss, output.QuantizationLoss, output.Loss })
            t.MoveToOuterDisposeScope();
        return output;
    }

    /// <summary>(B, D) latent of raw features.</summary>
    public Tensor Encode(Tensor features) // (B, Din) -> (B, D)
    {
        using var scope = NewDisposeScope();
        return encoder.call(Normalise(features)).MoveToOuterDisposeScope();
    }

    /// <summary>Codes of every item, (N, L), computed in inference mode in batches.</summary>
    /// <exception cref="ArgumentException">The features are not N x <see cref="InputDim"/> finite floats.</exception>
    public int[,] Codes(float[] features, int dim, int batchSize = 4096)
    {
        if (dim != InputDim) throw new ArgumentException($"features: dimension {dim} does not match the model's input dimension {InputDim}", nameof(dim));
        var n = FeatureMatrix.Validate(features, dim);
        var levels = rq.Levels;
        var codes = new int[n, levels];
        var device = get_buffer("norm_mean")!.device;
        var wasTraining = training;
        eval();
        try
        {
            using var mode = inference_mode();
            for (var start = 0; start < n; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var rows = Math.Min(batchSize, n - start);
                var batch = tensor(features.AsSpan(start * dim, rows * dim).ToArray(), [rows, dim]).to(device);
                var assigned = rq.Assign(Encode(batch)).to(ScalarType.Int64).cpu().data<long>().ToArray(); // (rows, L)
                for (var i = 0; i < rows; i++)
                    for (var l = 0; l < levels; l++) codes[start + i, l] = (int)assigned[i * levels + l];
            }
        }
        finally
        {
            train(wasTraining);
        }
        return codes;
    }

    /// <summary>SID embedding of every item: sum over levels of codebook_l[code_l], (N, LatentDim).</summary>
    public float[,] SidEmbeddings(int[,] codes)
    {
        var levels = rq.Levels;
        if (codes.GetLength(1) != levels) throw new ArgumentException($"codes have {codes.GetLength(1)} levels, the model has {levels}", nameof(codes));
        var dim = Options.LatentDim;
        var books = new float[levels][];
        using (NewDisposeScope())
            for (var l = 0; l < levels; l++) books[l] = rq.Codebook(l).detach().cpu().data<float>().ToArray();
        var n = codes.GetLength(0);
        var embeddings = new float[n, dim];
        for (var i = 0; i < n; i++)
            for (var l = 0; l < levels; l++)
            {
                var code = codes[i, l];
                if ((uint)code >= (uint)rq.CodebookSize) throw new ArgumentException($"item {i} level {l}: code {code} is outside the codebook of {rq.CodebookSize}", nameof(codes));
                for (var d = 0; d < dim; d++) embeddings[i, d] += books[l][code * dim + d];
            }
        return embeddings;
    }

    Tensor Normalise(Tensor features) => (features - get_buffer("norm_mean")!) / get_buffer("norm_std")!;

    static Sequential Mlp(int[] widths, RqVaeActivation activation, Generator generator)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        for (var i = 0; i + 1 < widths.Length; i++)
        {
            var linear = Linear(widths[i], widths[i + 1]);
            // PyTorch's default Linear init (uniform +-1/sqrt(fan_in)), drawn from our seeded generator.
            var bound = 1.0 / Math.Sqrt(widths[i]);
            using (no_grad())
            {
                linear.weight!.uniform_(-bound, bound, generator);
                linear.bias!.uniform_(-bound, bound, generator);
            }
            layers.Add(($"{layers.Count}", linear));
            if (i + 2 < widths.Length)
                layers.Add(($"{layers.Count}", activation == RqVaeActivation.SiLU ? SiLU() : ReLU()));
        }
        return Sequential(layers);
    }
}
