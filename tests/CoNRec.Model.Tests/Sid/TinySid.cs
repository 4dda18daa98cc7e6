using CoNRec.Model.Sid;

namespace CoNRec.Model.Tests.Sid;

/// <summary>Tiny settings and clustered data for fast RQ-VAE tests: 200 items of dim 16, 3 levels x 16 codes.</summary>
internal static class TinySid
{
    public static readonly RqVaeOptions Options = new()
    {
        Levels = 3,
        CodebookSize = 16,
        LatentDim = 8,
        HiddenDims = [32, 16],
        Epochs = 40,
        BatchSize = 64,
        LearningRate = 3e-3,
        Seed = 3,
    };

    /// <summary>200 items, 12 text-like + 4 image-like dims, 12 groups in 4 categories.</summary>
    public static ClusteredFeatures Data() => SidQualityProbe.Generate(200, 12, 4, 12, 4, 0.35, seed: 1);
}
