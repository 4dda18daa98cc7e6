using System.Text.Json.Nodes;

namespace CoNRec.Cluster.Configuration;

/// <summary>A setting as a dotted path and its compact JSON value.</summary>
public sealed record ConfigSetting(string Path, string Json);

/// <summary>The leaf settings of a config's JSON: objects are opened, lists of plain values are one setting, lists of objects are indexed.</summary>
public static class ConfigSettings
{
    /// <summary>Every leaf setting of the config, e.g. ("grpo.clipLow", "0.2"), ("curriculum.stages[0].beta", "0.04").</summary>
    public static IReadOnlyList<ConfigSetting> Of(RunConfig config) => Leaves(RunConfigJson.SerializeToNode(config));

    public static IReadOnlyList<ConfigSetting> Leaves(JsonNode root)
    {
        var settings = new List<ConfigSetting>();
        Walk(root, "", settings);
        return settings;
    }

    static void Walk(JsonNode? node, string path, List<ConfigSetting> settings)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                foreach (var (key, child) in obj) Walk(child, path.Length == 0 ? key : $"{path}.{key}", settings);
                break;
            case JsonArray array when array.Count > 0 && array.Any(item => item is JsonObject or JsonArray):
                for (var i = 0; i < array.Count; i++) Walk(array[i], $"{path}[{i}]", settings);
                break;
            default:
                settings.Add(new ConfigSetting(path, node?.ToJsonString() ?? "null"));
                break;
        }
    }
}
