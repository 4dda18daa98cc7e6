using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cluster.Configuration;

/// <summary>What the run trains on: a dataset file or a synthetic world generated at the start. Give exactly one.</summary>
public sealed record DataSection
{
    public const string DatasetExtension = ".conrec";

    /// <summary>A *.conrec file (<c>conrec data import</c> or <c>conrec data synth</c>); relative to the config file's folder.</summary>
    public string? Dataset { get; init; }

    /// <summary>The synthetic world to generate (docs/synthetic-world.md); <c>{}</c> is the default world.</summary>
    public SyntheticWorldOptions? Synthetic { get; init; }

    /// <summary>
    /// Keep negatives of every reason code. Off by default: as in method.md, only interest-related negatives count
    /// (the others, e.g. "seen too often", become exposures), for training and evaluation alike, as in the CLI.
    /// </summary>
    public bool KeepAllReasons { get; init; }

    /// <summary>The dataset file as the run uses it: read, then cleaned of non-interest negatives unless <see cref="KeepAllReasons"/>.</summary>
    public Dataset Read(string path) => Clean(DatasetFile.Read(path));

    /// <summary>The dataset without its non-interest negatives, unless <see cref="KeepAllReasons"/>.</summary>
    public Dataset Clean(Dataset raw) => KeepAllReasons ? raw : NegativeCleaning.KeepInterestRelated(raw);

    public void Validate()
    {
        if (Dataset is null && Synthetic is null)
            throw new ArgumentException("data needs data.dataset (a *.conrec file) or data.synthetic (a synthetic world; {} for the default one)");
        if (Dataset is not null && Synthetic is not null)
            throw new ArgumentException("data.dataset and data.synthetic exclude each other: give one");
        if (Dataset is not null && (string.IsNullOrWhiteSpace(Dataset) || !Dataset.EndsWith(DatasetExtension, StringComparison.OrdinalIgnoreCase)))
            throw new ArgumentException($"data.dataset must be a *{DatasetExtension} file (got '{Dataset}')");
        if (Synthetic is not null)
            SectionErrors.Rebase(Synthetic.Validate, "synth", "data.synthetic");
    }

    /// <summary>This section with a relative <see cref="Dataset"/> made absolute against <paramref name="folder"/>.</summary>
    public DataSection ResolvedAgainst(string folder) =>
        Dataset is null || Path.IsPathRooted(Dataset) ? this : this with { Dataset = Path.GetFullPath(Path.Combine(folder, Dataset)) };
}
