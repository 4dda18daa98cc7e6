using System.Text.Json;

namespace CoNRec.Cli.Tests.Commands;

/// <summary>An <c>eval</c> results file read back with System.Text.Json: each model's metrics by name (null: no users).</summary>
internal sealed record EvalResults(JsonElement Metadata, IReadOnlyList<(string Model, int K, Dictionary<string, double?> Metrics)> Results)
{
    public static EvalResults Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var results = new List<(string, int, Dictionary<string, double?>)>();
        foreach (var result in root.GetProperty("results").EnumerateArray())
        {
            var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var metric in result.GetProperty("metrics").EnumerateObject())
                metrics[metric.Name] = metric.Value.ValueKind == JsonValueKind.Null ? null : metric.Value.GetDouble();
            results.Add((result.GetProperty("model").GetString()!, result.GetProperty("k").GetInt32(), metrics));
        }
        return new EvalResults(root.GetProperty("metadata").Clone(), results);
    }

    public string[] Models => [.. Results.Select(r => r.Model)];
}
