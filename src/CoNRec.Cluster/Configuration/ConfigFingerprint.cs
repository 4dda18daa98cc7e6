using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// A run config's identity for resuming: sha256 of its canonical JSON (keys sorted, no white space) without
/// <see cref="ResumableSections"/>, the settings that change neither what is trained nor how: where the store is,
/// where logs go, how many checkpoints are kept, how weights travel between nodes (the same bytes either way) and where the work runs.
/// </summary>
public static class ConfigFingerprint
{
    public static IReadOnlyList<string> ResumableSections { get; } = ["store", "logging", "retention", "dataPlane", "cluster"];

    public static string Of(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var canonical = Canonical(WithoutResumableSections(config));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The settings (dotted paths) whose values differ, resumable sections left out: for "the config changed" messages.</summary>
    public static IReadOnlyList<string> ChangedSettings(RunConfig before, RunConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = ConfigSettings.Leaves(WithoutResumableSections(before)).ToDictionary(s => s.Path, s => s.Json, StringComparer.Ordinal);
        var now = ConfigSettings.Leaves(WithoutResumableSections(after)).ToDictionary(s => s.Path, s => s.Json, StringComparer.Ordinal);
        return [.. old.Keys.Union(now.Keys)
            .Where(path => !old.TryGetValue(path, out var a) || !now.TryGetValue(path, out var b) || a != b)
            .Order(StringComparer.Ordinal)];
    }

    static JsonObject WithoutResumableSections(RunConfig config)
    {
        var root = RunConfigJson.SerializeToNode(config).AsObject();
        foreach (var section in ResumableSections) root.Remove(section);
        return root;
    }

    static string Canonical(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            WriteSorted(writer, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static void WriteSorted(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    WriteSorted(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array) WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
