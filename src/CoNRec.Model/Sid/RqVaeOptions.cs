using System.Globalization;

namespace CoNRec.Model.Sid;

/// <summary>Activation between the MLP layers of the RQ-VAE encoder and decoder.</summary>
public enum RqVaeActivation
{
    ReLU,
    SiLU,
}

/// <summary>
/// Settings of the RQ-VAE that turns item features into semantic IDs (method.md, step 1). Defaults are the
/// project's small-catalogue choices: 3 levels x 256 codes, latent 32, encoder in -> 512 -> 256 -> 128 -> 32.
/// </summary>
public sealed record RqVaeOptions
{
    /// <summary>Number of residual quantisation levels (one codebook each).</summary>
    public int Levels { get; init; } = 3;

    /// <summary>Codes per level.</summary>
    public int CodebookSize { get; init; } = 256;

    public int LatentDim { get; init; } = 32;

    /// <summary>Hidden widths of the encoder, input side first; the decoder mirrors them.</summary>
    public IReadOnlyList<int> HiddenDims { get; init; } = [512, 256, 128];

    public RqVaeActivation Activation { get; init; } = RqVaeActivation.ReLU;

    /// <summary>Commitment weight: beta in ||sg(r) - c||^2 + beta ||r - sg(c)||^2.</summary>
    public double Beta { get; init; } = 0.25;

    /// <summary>
    /// Passes over the items. Small catalogues give few steps per epoch: on the default synthetic world (1,500
    /// items) 100 epochs leave 6% of items colliding, 200 leave 1.5%, 400 leave 0.1%.
    /// </summary>
    public int Epochs { get; init; } = 300;

    public int BatchSize { get; init; } = 512;

    /// <summary>AdamW learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    public double WeightDecay { get; init; } = 0.0;

    /// <summary>Initialise each level's codebook by k-means on the first batch's residuals at that level.</summary>
    public bool KMeansInit { get; init; } = true;

    /// <summary>Lloyd iterations of that k-means.</summary>
    public int KMeansIterations { get; init; } = 10;

    /// <summary>Update codebooks by exponential moving averages instead of the codebook loss.</summary>
    public bool Ema { get; init; }

    public double EmaDecay { get; init; } = 0.99;

    /// <summary>Laplace smoothing of the EMA cluster sizes.</summary>
    public double EmaEpsilon { get; init; } = 1e-5;

    /// <summary>After every epoch but the last, move codes no item used to random residuals of the last batch.</summary>
    public bool DeadCodeReset { get; init; } = true;

    public string Device { get; init; } = "cpu";

    public int Seed { get; init; } = 42;

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        Check(Levels is >= 1 and <= 25, $"sid.levels must be between 1 and 25 (got {Levels})");
        Check(CodebookSize >= 2, $"sid.codebook_size must be >= 2 (got {CodebookSize})");
        Check(LatentDim >= 1, $"sid.latent_dim must be >= 1 (got {LatentDim})");
        Check(HiddenDims is not null, $"sid.hidden_dims must be given (may be empty)");
        foreach (var width in HiddenDims!)
            Check(width >= 1, $"sid.hidden_dims must all be >= 1 (got {width})");
        Check(Beta >= 0 && double.IsFinite(Beta), $"sid.beta must be >= 0 (got {Beta})");
        Check(Epochs >= 1, $"sid.epochs must be >= 1 (got {Epochs})");
        Check(BatchSize >= 1, $"sid.batch_size must be >= 1 (got {BatchSize})");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"sid.learning_rate must be > 0 (got {LearningRate})");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"sid.weight_decay must be >= 0 (got {WeightDecay})");
        Check(KMeansIterations >= 0, $"sid.kmeans_iterations must be >= 0 (got {KMeansIterations})");
        Check(EmaDecay is > 0 and < 1, $"sid.ema_decay must be in (0, 1) (got {EmaDecay})");
        Check(EmaEpsilon > 0 && double.IsFinite(EmaEpsilon), $"sid.ema_epsilon must be > 0 (got {EmaEpsilon})");
        Check(!string.IsNullOrWhiteSpace(Device), $"sid.device must be given (cpu, cuda or cuda:N)");
    }

    static void Check(bool condition, FormattableString message)
    {
        if (!condition) throw new ArgumentException(message.ToString(CultureInfo.InvariantCulture));
    }
}
