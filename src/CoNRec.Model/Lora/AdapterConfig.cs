using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoNRec.Model.Lora;

/// <summary>
/// <c>adapter_config.json</c> in PEFT's format (the fields PEFT's LoraConfig reads), plus our
/// <c>base_model_fingerprint</c>, which PEFT ignores.
/// </summary>
public sealed record AdapterConfig
{
    public const string FileName = "adapter_config.json";
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [JsonPropertyName("peft_type")] public string PeftType { get; init; } = "LORA";
    [JsonPropertyName("task_type")] public string TaskType { get; init; } = "CAUSAL_LM";
    [JsonPropertyName("base_model_name_or_path")] public string BaseModelNameOrPath { get; init; } = "";
    [JsonPropertyName("r")] public int R { get; init; }
    [JsonPropertyName("lora_alpha")] public double LoraAlpha { get; init; }
    [JsonPropertyName("lora_dropout")] public double LoraDropout { get; init; }
    [JsonPropertyName("target_modules")] public IReadOnlyList<string> TargetModules { get; init; } = [];
    [JsonPropertyName("modules_to_save")] public IReadOnlyList<string>? ModulesToSave { get; init; }
    [JsonPropertyName("bias")] public string Bias { get; init; } = "none";
    [JsonPropertyName("fan_in_fan_out")] public bool FanInFanOut { get; init; }
    [JsonPropertyName("inference_mode")] public bool InferenceMode { get; init; } = true;
    [JsonPropertyName("base_model_fingerprint")] public BaseFingerprint? BaseModelFingerprint { get; init; }

    public static AdapterConfig From(LoraOptions options, string baseModelNameOrPath, BaseFingerprint fingerprint) => new()
    {
        BaseModelNameOrPath = baseModelNameOrPath,
        R = options.Rank,
        LoraAlpha = options.Alpha,
        LoraDropout = options.Dropout,
        TargetModules = options.TargetModules,
        ModulesToSave = options.ModulesToSave.Count > 0 ? options.ModulesToSave : null,
        BaseModelFingerprint = fingerprint,
    };

    public LoraOptions ToOptions() => new() { Rank = R, Alpha = LoraAlpha, Dropout = LoraDropout, TargetModules = TargetModules, ModulesToSave = ModulesToSave ?? [] };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">Not a LoRA adapter config we can apply; the message names the file.</exception>
    public static AdapterConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (an adapter folder needs {FileName})", path);
        AdapterConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<AdapterConfig>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid {FileName}: {e.Message}", e);
        }
        if (config is null) throw new InvalidDataException($"{path}: {FileName} is null");
        if (config.PeftType != "LORA") throw new InvalidDataException($"{path}: peft_type is '{config.PeftType}', only LORA is supported");
        if (config.Bias != "none") throw new InvalidDataException($"{path}: bias '{config.Bias}' is not supported (only none)");
        if (config.FanInFanOut) throw new InvalidDataException($"{path}: fan_in_fan_out adapters are not supported");
        try
        {
            config.ToOptions().Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return config;
    }
}
