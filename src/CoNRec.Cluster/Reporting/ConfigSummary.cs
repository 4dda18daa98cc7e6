using System.Text.Json;
using System.Text.Json.Nodes;

namespace CoNRec.Cluster.Reporting;

/// <summary>A run's config JSON as dotted settings (<c>grpo.beta = 0.04</c>), secrets masked.</summary>
internal static class ConfigSummary
{
    /// <summary>The leaf settings in document order; an empty list when the text is not a JSON object or array.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Settings(string configJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(SecretRedactor.RedactJson(configJson));
        }
        catch (JsonException)
        {
            return [];
        }

        var settings = new List<KeyValuePair<string, string>>();
        if (root is JsonObject or JsonArray)
            Flatten(root, "", settings);
        return settings;
    }

    static void Flatten(JsonNode? node, string path, List<KeyValuePair<string, string>> settings)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                    Flatten(child, path.Length == 0 ? key : $"{path}.{key}", settings);
                break;
            case JsonArray array when array.All(item => item is null or JsonValue):
                // A list of scalars reads best on one line.
                settings.Add(new(path, "[" + string.Join(", ", array.Select(Scalar)) + "]"));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Flatten(array[i], $"{path}[{i}]", settings);
                break;
            default:
                settings.Add(new(path, Scalar(node)));
                break;
        }
    }

    static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
