using CoNRec.Model.Checkpoints;
using CoNRec.Model.Policy;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using CoNRec.Core.IO;

namespace CoNRec.Model.Lora;

/// <summary>
/// A policy whose target projections carry LoRA adapters, with every base parameter frozen. The adapted
/// model is <see cref="Model"/> itself (the wrappers sit in place of the projections), so forward, the KV
/// cache and generation work unchanged. Adapter files use PEFT's names:
/// <c>base_model.model.model.layers.{i}.self_attn.q_proj.lora_A.weight</c> (r, in) and <c>...lora_B.weight</c> (out, r).
/// </summary>
public sealed class LoraModel
{
    public const string WeightsFile = "adapter_model.safetensors";
    const string PeftPrefix = "base_model.model.";

    readonly List<(DecoderLayer Layer, string Target, LoraLinear Adapter)> _adapters;
    bool _merged;

    LoraModel(PolicyModel model, LoraOptions options, BaseFingerprint fingerprint, string baseName,
        List<(DecoderLayer, string, LoraLinear)> adapters)
    {
        Model = model;
        Options = options;
        BaseFingerprint = fingerprint;
        BaseModelNameOrPath = baseName;
        _adapters = adapters;
    }

    public PolicyModel Model { get; }

    public LoraOptions Options { get; }

    /// <summary>The frozen base this adapter belongs to.</summary>
    public BaseFingerprint BaseFingerprint { get; }

    /// <summary>Written to adapter_config.json for people and PEFT; not checked.</summary>
    public string BaseModelNameOrPath { get; }

    /// <summary>Wraps the target projections of every layer and freezes all base parameters.</summary>
    /// <exception cref="ArgumentException">Bad options (named), or the model already carries adapters.</exception>
    public static LoraModel Inject(PolicyModel model, LoraOptions options, string baseModelNameOrPath = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var fingerprint = BaseFingerprint.Of(model);
        foreach (var p in model.parameters()) p.requires_grad = false;
        using var generator = new Generator((ulong)options.Seed, model.Device);
        var adapters = new List<(DecoderLayer, string, LoraLinear)>();
        foreach (var layer in model.Layers)
        {
            foreach (var target in options.TargetModules)
            {
                var isAttention = Attention.ProjectionNames.Contains(target);
                var current = isAttention ? layer.SelfAttention.Projection(target) : layer.FeedForward.Projection(target);
                if (current is not Linear linear)
                    throw new ArgumentException($"{target} is already adapted: inject LoRA once per model", nameof(model));
                var adapter = new LoraLinear(linear, options, generator);
                if (isAttention) layer.SelfAttention.ReplaceProjection(target, adapter);
                else layer.FeedForward.ReplaceProjection(target, adapter);
                adapters.Add((layer, target, adapter));
            }
        }
        foreach (var (name, parameter) in model.named_parameters())
            if (IsSavedModule(name, options)) parameter.requires_grad = true;
        return new LoraModel(model, options, fingerprint, baseModelNameOrPath, adapters);
    }

    /// <summary>The trainable parameters: every lora_A and lora_B weight, and the modules to save.</summary>
    public IReadOnlyList<Parameter> AdapterParameters() =>
        [.. _adapters.SelectMany(a => a.Adapter.AdapterParameters()), .. Model.named_parameters().Where(p => IsSavedModule(p.name, Options)).Select(p => p.parameter)];

    /// <summary>Adapter weights (and modules to save) by PEFT name (live parameters: do not dispose).</summary>
    public IReadOnlyDictionary<string, Tensor> AdapterWeights()
    {
        EnsureNotMerged();
        return Model.state_dict()
            .Where(e => e.Key.Contains(".lora_A.", StringComparison.Ordinal) || e.Key.Contains(".lora_B.", StringComparison.Ordinal) || IsSavedModule(e.Key, Options))
            .ToDictionary(e => PeftPrefix + e.Key, e => e.Value, StringComparer.Ordinal);
    }

    /// <summary>"model.embed_tokens.weight" belongs to module "embed_tokens"; "lm_head.weight" to "lm_head".</summary>
    static bool IsSavedModule(string parameterName, LoraOptions options) =>
        options.ModulesToSave.Any(m => parameterName == $"{m}.weight" || parameterName.EndsWith($".{m}.weight", StringComparison.Ordinal));

    /// <summary>Writes adapter_model.safetensors and adapter_config.json (with the base's fingerprint).</summary>
    public void SaveAdapter(string folder)
    {
        EnsureNotMerged();
        SafeTensors.Write(Path.Combine(folder, WeightsFile), AdapterWeights(), new Dictionary<string, string> { ["format"] = "pt" });
        var config = AdapterConfig.From(Options, BaseModelNameOrPath, BaseFingerprint);
        AtomicText.Write(Path.Combine(folder, AdapterConfig.FileName), config.ToJson() + "\n");
    }

    /// <summary>Injects the folder's adapter into a base model and loads its weights.</summary>
    /// <exception cref="InvalidDataException">The adapter was made for another base, or its weights do not fit;
    /// the message names the file. The model is left untouched in that case.</exception>
    public static LoraModel LoadAdapter(PolicyModel model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        var configPath = Path.Combine(folder, AdapterConfig.FileName);
        var config = AdapterConfig.Load(configPath);
        if (config.BaseModelFingerprint?.Mismatch(BaseFingerprint.Of(model)) is { } why)
            throw new InvalidDataException($"{configPath}: this adapter was made for another base model: {why}");
        var weightsPath = Path.Combine(folder, WeightsFile);
        var stored = SafeTensors.Read(weightsPath);
        try
        {
            var lora = Inject(model, config.ToOptions(), config.BaseModelNameOrPath);
            try
            {
                lora.CopyIn(stored, weightsPath);
                return lora;
            }
            catch
            {
                // CopyIn checks everything before copying, so B is still zero and merging restores the base exactly.
                lora.Merge();
                throw;
            }
        }
        finally
        {
            foreach (var t in stored.Values) t.Dispose();
        }
    }

    /// <summary>
    /// Folds every adapter into its base weight (W += alpha/r B A), puts the plain projections back, unfreezes
    /// the base and returns it. This object is spent afterwards.
    /// </summary>
    public PolicyModel Merge()
    {
        EnsureNotMerged();
        foreach (var (layer, target, adapter) in _adapters)
        {
            var merged = adapter.MergeAndRelease();
            if (Attention.ProjectionNames.Contains(target)) layer.SelfAttention.ReplaceProjection(target, merged);
            else layer.FeedForward.ReplaceProjection(target, merged);
            adapter.Dispose();
        }
        foreach (var p in Model.parameters()) p.requires_grad = true;
        _merged = true;
        return Model;
    }

    void CopyIn(Dictionary<string, Tensor> stored, string path)
    {
        var targets = AdapterWeights();
        var problems = targets.Keys.Where(k => !stored.ContainsKey(k)).Select(k => $"'{k}' is missing")
            .Concat(stored.Keys.Where(k => !targets.ContainsKey(k)).Select(k => $"'{k}' is not an adapter of this model"))
            .Concat(targets.Where(e => stored.TryGetValue(e.Key, out var s) && !s.shape.SequenceEqual(e.Value.shape))
                .Select(e => $"'{e.Key}' has shape [{string.Join(", ", stored[e.Key].shape)}], expected [{string.Join(", ", e.Value.shape)}]"))
            .ToList();
        if (problems.Count > 0)
            throw new InvalidDataException($"{path}: {problems.Count} adapter weight(s) do not fit; first: {string.Join("; ", problems.Take(5))}");
        using var noGrad = no_grad();
        foreach (var (name, target) in targets) target.copy_(stored[name]);
    }

    void EnsureNotMerged()
    {
        if (_merged) throw new InvalidOperationException("the adapters were merged into the base; this LoraModel is spent");
    }
}
