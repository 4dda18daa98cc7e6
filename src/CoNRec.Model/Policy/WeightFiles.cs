using System.Text.Json;
using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;
using CoNRec.Core.IO;

namespace CoNRec.Model.Policy;

/// <summary>
/// The Hugging Face weight layout of a model folder: one <c>model.safetensors</c>, or shards
/// <c>model-0000i-of-0000n.safetensors</c> listed by <c>model.safetensors.index.json</c>
/// (<c>{"metadata": {"total_size": bytes}, "weight_map": {tensor name: shard file}}</c>).
/// </summary>
public static class WeightFiles
{
    public const string Single = "model.safetensors";
    public const string Index = "model.safetensors.index.json";

    /// <summary>The weight files of the folder, in load order.</summary>
    /// <exception cref="FileNotFoundException">Neither layout is present, or a shard the index names is missing.</exception>
    /// <exception cref="InvalidDataException">The index is malformed; the message names it.</exception>
    public static IReadOnlyList<string> Locate(string folder)
    {
        var single = Path.Combine(folder, Single);
        if (File.Exists(single)) return [single];
        var index = Path.Combine(folder, Index);
        if (!File.Exists(index))
            throw new FileNotFoundException($"{folder}: no {Single} and no {Index}: not a Hugging Face model folder", single);
        var shards = ReadWeightMap(index).Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var shard in shards)
        {
            var path = Path.Combine(folder, shard);
            if (!File.Exists(path)) throw new FileNotFoundException($"{index}: shard '{shard}' is missing", path);
        }
        return [.. shards.Select(s => Path.Combine(folder, s))];
    }

    /// <summary>Tensor name -> shard file name, from an index file.</summary>
    public static IReadOnlyDictionary<string, string> ReadWeightMap(string indexPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(indexPath));
            if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{indexPath}: no weight_map object");
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in map.EnumerateObject())
            {
                var file = entry.Value.GetString() ?? "";
                if (file.Length == 0 || Path.GetFileName(file) != file)
                    throw new InvalidDataException($"{indexPath}: weight_map entry '{entry.Name}' names '{file}', not a file in the folder");
                result[entry.Name] = file;
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"{indexPath}: not a valid safetensors index: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes the tensors as one file when they fit in <paramref name="maxShardBytes"/>, else as shards plus
    /// an index, and removes the other layout's entry point so that readers cannot pick up a stale one.
    /// </summary>
    public static void Write(string folder, IReadOnlyDictionary<string, Tensor> tensors, long maxShardBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxShardBytes);
        Directory.CreateDirectory(folder);
        var metadata = new Dictionary<string, string> { ["format"] = "pt" };
        var shards = Pack(tensors, maxShardBytes);
        if (shards.Count == 1)
        {
            SafeTensors.Write(Path.Combine(folder, Single), tensors, metadata);
            File.Delete(Path.Combine(folder, Index));
            return;
        }
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < shards.Count; i++)
        {
            var name = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafeTensors.Write(Path.Combine(folder, name), shards[i].ToDictionary(n => n, n => tensors[n]), metadata);
            foreach (var tensorName in shards[i]) weightMap[tensorName] = name;
        }
        var totalSize = tensors.Values.Sum(Bytes);
        var index = new { metadata = new { total_size = totalSize }, weight_map = weightMap };
        AtomicText.Write(Path.Combine(folder, Index), JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Delete(Path.Combine(folder, Single));
    }

    // Greedy in name order, as transformers does: a new shard starts when the next tensor would overflow.
    static List<List<string>> Pack(IReadOnlyDictionary<string, Tensor> tensors, long maxShardBytes)
    {
        var shards = new List<List<string>> { new() };
        long current = 0;
        foreach (var name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            var size = Bytes(tensors[name]);
            if (current > 0 && current + size > maxShardBytes)
            {
                shards.Add([]);
                current = 0;
            }
            shards[^1].Add(name);
            current += size;
        }
        return shards;
    }

    static long Bytes(Tensor t) => t.numel() * t.ElementSize;
}
