using System.Globalization;
using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;

namespace CoNRec.Model.Policy;

/// <summary>
/// Loads and saves the policy in Hugging Face's layout: <c>config.json</c> plus <see cref="WeightFiles"/>.
/// A Qwen3 checkpoint from the Hub loads directly; what we save loads in <c>transformers</c>.
/// </summary>
public static class PolicyCheckpoint
{
    public const string ConfigFile = "config.json";
    public const long DefaultMaxShardBytes = 5L << 30;
    const int ProblemsShown = 5;

    /// <summary>Builds a model from the folder's config.json and loads its weights.</summary>
    /// <param name="configure">Adjusts the config before the model is built: device, dtype, or a larger
    /// vocabulary (the checkpoint's rows are kept, new rows start at the mean embedding).</param>
    /// <exception cref="FileNotFoundException">config.json or the weights are missing.</exception>
    /// <exception cref="InvalidDataException">The weights do not match the config; the message lists the first problems.</exception>
    public static PolicyModel LoadPretrained(string folder, Func<PolicyConfig, PolicyConfig>? configure = null)
    {
        var stored = PolicyConfig.Load(Path.Combine(folder, ConfigFile));
        var model = new PolicyModel(configure?.Invoke(stored) ?? stored);
        try
        {
            LoadWeights(model, folder);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads the folder's weights into an existing model, converting to its device and dtype.</summary>
    public static void LoadWeights(PolicyModel model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        var stored = PolicyConfig.Load(Path.Combine(folder, ConfigFile));
        CheckCompatible(model.Config, stored, Path.Combine(folder, ConfigFile));
        var files = WeightFiles.Locate(folder);
        var targets = model.state_dict();
        var problems = new List<string>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var file in files)
        {
            var tensors = SafeTensors.Read(file);
            try
            {
                foreach (var (name, source) in tensors)
                {
                    if (!targets.TryGetValue(name, out var target))
                    {
                        if (!Ignorable(name, model.Config)) problems.Add($"{Path.GetFileName(file)}: '{name}' is not a parameter of this model");
                        continue;
                    }
                    var expected = StoredShape(name, target, stored);
                    if (!source.shape.SequenceEqual(expected))
                    {
                        problems.Add($"{Path.GetFileName(file)}: '{name}' has shape {Shape(source.shape)} but {ConfigFile} implies {Shape(expected)}");
                        continue;
                    }
                    Copy(target, source);
                    loaded.Add(name);
                }
            }
            finally
            {
                foreach (var t in tensors.Values) t.Dispose();
            }
        }
        var origin = files.Count == 1 ? Path.GetFileName(files[0]) : WeightFiles.Index;
        problems.AddRange(targets.Keys.Where(k => !loaded.Contains(k)).Select(k => $"{origin}: '{k}' is missing"));
        if (problems.Count > 0)
            throw new InvalidDataException(
                $"{folder}: {problems.Count} weight(s) do not fit the model; first: {string.Join("; ", problems.Take(ProblemsShown))}");
    }

    /// <summary>Writes config.json (torch_dtype set to the model's dtype) and the weights, sharded above the limit.</summary>
    /// <exception cref="InvalidOperationException">The model carries LoRA adapters: merge them first.</exception>
    public static void SavePretrained(PolicyModel model, string folder, long maxShardBytes = DefaultMaxShardBytes)
    {
        ArgumentNullException.ThrowIfNull(model);
        var weights = model.state_dict();
        if (weights.Keys.FirstOrDefault(k => k.Contains(".lora_", StringComparison.Ordinal) || k.Contains(".base_layer.", StringComparison.Ordinal)) is { } adapted)
            throw new InvalidOperationException($"the model carries LoRA adapters ('{adapted}'): merge them or save the adapter instead");
        WeightFiles.Write(folder, weights, maxShardBytes);
        (model.Config with { TorchDtype = model.Config.HuggingFaceDtype() }).Save(Path.Combine(folder, ConfigFile));
    }

    // Shapes are checked by the tensors; these settings change the function without changing any shape.
    static void CheckCompatible(PolicyConfig model, PolicyConfig stored, string path)
    {
        if (model.RopeTheta != stored.RopeTheta || model.RmsNormEps != stored.RmsNormEps || model.TieWordEmbeddings != stored.TieWordEmbeddings)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: rope_theta {stored.RopeTheta}, rms_norm_eps {stored.RmsNormEps}, tie_word_embeddings {stored.TieWordEmbeddings} differ from the model's {model.RopeTheta}, {model.RmsNormEps}, {model.TieWordEmbeddings}"));
        if (model.VocabSize < stored.VocabSize)
            throw new InvalidDataException($"{path}: the model's vocab_size {model.VocabSize} is smaller than the checkpoint's {stored.VocabSize}");
    }

    // Some exports keep a tied lm_head or the rotary inverse frequencies; neither carries information.
    static bool Ignorable(string name, PolicyConfig config) =>
        (name == "lm_head.weight" && config.TieWordEmbeddings) || name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal);

    static bool IsVocabularyMatrix(string name) => name is "model.embed_tokens.weight" or "lm_head.weight";

    // The shape config.json implies: the model's, except vocabulary rows when the vocabulary was enlarged.
    static long[] StoredShape(string name, Tensor target, PolicyConfig stored)
    {
        var shape = target.shape.ToArray();
        if (IsVocabularyMatrix(name)) shape[0] = stored.VocabSize;
        return shape;
    }

    // Copies (converting dtype and device); vocabulary rows beyond the checkpoint's start at its mean row.
    static void Copy(Tensor target, Tensor source)
    {
        var rows = source.shape[0];
        if (target.shape[0] == rows)
        {
            target.copy_(source);
            return;
        }
        using var scope = NewDisposeScope();
        target.narrow(0, 0, rows).copy_(source);
        var mean = source.to(ScalarType.Float32).mean([0], keepdim: true);
        target.narrow(0, rows, target.shape[0] - rows).copy_(mean.expand(target.shape[0] - rows, -1));
    }

    static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
