using System.Text.Json;
using static TorchSharp.torch;
using CoNRec.Core.IO;

namespace CoNRec.Model.Policy;

public sealed partial record PolicyConfig
{
    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Reads a Hugging Face <c>config.json</c>; fields we do not use are ignored.</summary>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    /// <exception cref="InvalidDataException">The file is not a config we can run; the message names the file.</exception>
    public static PolicyConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found (a model folder needs config.json next to its weights)", path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <param name="source">Names the origin in error messages.</param>
    public static PolicyConfig Parse(string json, string source)
    {
        PolicyConfig? config;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.TryGetProperty("rope_scaling", out var scaling) && scaling.ValueKind != JsonValueKind.Null)
                throw new InvalidDataException($"{source}: rope_scaling is set; scaled rotary embeddings are not implemented");
            if (root.TryGetProperty("use_sliding_window", out var sliding) && sliding.ValueKind == JsonValueKind.True)
                throw new InvalidDataException($"{source}: use_sliding_window is true; sliding-window attention is not implemented");
            config = root.Deserialize<PolicyConfig>();
            // transformers >= 4.56 writes "dtype" instead of "torch_dtype".
            if (config is not null && !root.TryGetProperty("torch_dtype", out _) && root.TryGetProperty("dtype", out var dtype) && dtype.ValueKind == JsonValueKind.String)
                config = config with { TorchDtype = dtype.GetString()! };
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid config.json: {e.Message}", e);
        }
        if (config is null) throw new InvalidDataException($"{source}: config.json is null");
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>Writes <c>config.json</c> atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicText.Write(path, ToJson() + "\n");

    /// <summary>The dtype of parameters and activations.</summary>
    public ScalarType ScalarType() => DType == "bf16" ? TorchSharp.torch.ScalarType.BFloat16 : TorchSharp.torch.ScalarType.Float32;

    /// <summary>The Hugging Face name of <see cref="DType"/>, for <see cref="TorchDtype"/>.</summary>
    public string HuggingFaceDtype() => DType == "bf16" ? "bfloat16" : "float32";

    /// <exception cref="ArgumentException">The device is malformed or not present.</exception>
    public Device TorchDevice() => Runtime.TorchDevice.Parse(Device);
}
