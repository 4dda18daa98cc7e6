using CoNRec.Core.Data;
using CoNRec.Core.Features;
using CoNRec.Model.Sid;

namespace CoNRec.Cluster.Pipeline;

/// <summary>Semantic IDs for every item of a dataset (method.md step 1): an RQ-VAE over the item features.</summary>
public static class SidBuilder
{
    /// <summary>Trains the RQ-VAE and writes the SID folder (table, codebooks, SID embeddings, report).</summary>
    public static (RqVaeTrainingResult Training, SidReport Report) Build(Dataset dataset, RqVaeOptions options, string folder,
        IProgress<double>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var items = dataset.Items;
        var features = items.Features.ToArray();
        FeatureMatrix.Validate(features, items.FeatureDim);
        var trained = RqVaeTrainer.Train(features, items.FeatureDim, options, progress, ct);
        using var model = trained.Model;
        var table = new SidTable(model.Codes(features, items.FeatureDim), options.CodebookSize);
        var report = table.Report(CategoryLabels(dataset));
        SidArtifacts.Save(folder, items.ExternalIds, model, table, report);
        return (trained, report);
    }

    /// <summary>True when the folder holds a complete SID set covering the dataset's items.</summary>
    public static bool IsComplete(string folder, Dataset dataset)
    {
        if (!File.Exists(Path.Combine(folder, SidArtifacts.TableFile)) || !File.Exists(Path.Combine(folder, SidArtifacts.EmbeddingsFile))) return false;
        try
        {
            return SidArtifacts.Load(folder).ExternalIds.Count == dataset.Items.Count;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// The label SID coherence is measured against: the latent attribute group for synthetic data (its ground
    /// truth), otherwise the item's leaf category path.
    /// </summary>
    public static int[] CategoryLabels(Dataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.Truth is { } truth) return truth.ItemGroup;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        return [.. dataset.Items.CategoryPaths.Select(path => ids.TryGetValue(path, out var id) ? id : ids[path] = ids.Count)];
    }
}
