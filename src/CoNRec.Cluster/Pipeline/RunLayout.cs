namespace CoNRec.Cluster.Pipeline;

/// <summary>Where each stage of a training run writes, under the run folder.</summary>
public sealed record RunLayout(string Folder)
{
    public const string ConfigFile = "config.json";
    public const string ManifestFile = "run.json";
    public const string EvaluationFile = "eval.json";

    public string Config => Path.Combine(Folder, ConfigFile);
    public string Manifest => Path.Combine(Folder, ManifestFile);
    public string GeneratedDataset => Path.Combine(Folder, "data.conrec");
    public string Sid => Path.Combine(Folder, "sid");
    public string AlignmentSft => Path.Combine(Folder, "sft-align");
    public string WarmupSft => Path.Combine(Folder, "sft-warmup");
    public string Grpo => Path.Combine(Folder, "grpo");
    public string Evaluation => Path.Combine(Folder, EvaluationFile);

    /// <summary>The ablation study's rows (<c>conrec ablate</c>), one folder each.</summary>
    public string Ablation => Path.Combine(Folder, "ablation");

    /// <summary>The dataset a config trains on: its own file, or the one the data stage generated here.</summary>
    public string DatasetOf(Configuration.RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.Data.Dataset ?? GeneratedDataset;
    }

    /// <summary>A policy bundle written by an SFT stage (or the GRPO stage's final policy) inside its stage folder.</summary>
    public static string ModelOf(string stageFolder) => Path.Combine(stageFolder, "model");
}
