using System.Text.Json;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Cli.Commands.Runs;

/// <summary>
/// Reads back the results file <c>conrec eval</c> writes (<see cref="ResultJson"/>): each entry's model, K,
/// counts and metrics by display name. The six ranking metrics are required; "CandAcc" is optional; any other
/// metric is kept as an extra. A metric's user count comes from "users", else its value's presence (caseCount or 0).
/// </summary>
public static class EvaluationFile
{
    public static IReadOnlyList<EvaluationResult> Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, null, "no such evaluation results file (write one with 'conrec eval --out')");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, e.LineNumber is { } line ? (int)line + 1 : null, "not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                throw new DataFileException(path, null, "not an evaluation results file: expected an object with a \"results\" array");
            var list = new List<EvaluationResult>();
            var index = 0;
            foreach (var entry in results.EnumerateArray())
                list.Add(ReadEntry(path, $"results[{index++}]", entry));
            return list;
        }
    }

    static EvaluationResult ReadEntry(string path, string where, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object) throw new DataFileException(path, null, $"{where} must be an object");
        var model = entry.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() is { Length: > 0 } name
            ? name
            : throw new DataFileException(path, null, $"{where}.model must be a non-empty string");
        var k = Count(path, where, entry, "k", minimum: 1);
        var userCount = Count(path, where, entry, "userCount", minimum: 0);
        var caseCount = Count(path, where, entry, "caseCount", minimum: 0);
        if (!entry.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
            throw new DataFileException(path, null, $"{where}.metrics must be an object of metric values by name");
        var users = entry.TryGetProperty("users", out var u) && u.ValueKind == JsonValueKind.Object ? u : default;

        var values = new Dictionary<string, MetricValue>(StringComparer.Ordinal);
        foreach (var metric in metrics.EnumerateObject())
            values[metric.Name] = Value(path, where, metric, users, caseCount);

        var ranking = EvaluationResult.RankingMetricNames(k);
        var missing = ranking.FirstOrDefault(n => !values.ContainsKey(n));
        if (missing is not null) throw new DataFileException(path, null, $"{where}.metrics has no \"{missing}\"");
        var known = new HashSet<string>(ranking, StringComparer.Ordinal) { EvaluationResult.CandidateAccuracyName };
        return new EvaluationResult(model, k, userCount, caseCount,
            values[ranking[0]], values[ranking[1]], values[ranking[2]], values[ranking[3]], values[ranking[4]], values[ranking[5]],
            values.TryGetValue(EvaluationResult.CandidateAccuracyName, out var accuracy) ? accuracy : null)
        {
            Extra = [.. values.Where(v => !known.Contains(v.Key)).Select(v => new NamedMetric(v.Key, v.Value))],
        };
    }

    static MetricValue Value(string path, string where, JsonProperty metric, JsonElement users, int caseCount)
    {
        double? mean = metric.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => metric.Value.GetDouble(),
            _ => throw new DataFileException(path, null, $"{where}.metrics[\"{metric.Name}\"] must be a number or null"),
        };
        var count = users.ValueKind == JsonValueKind.Object && users.TryGetProperty(metric.Name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var c) && c >= 0
            ? c
            : mean is null ? 0 : caseCount;
        return mean is { } value && count > 0 ? new MetricValue(value, count) : new MetricValue(double.NaN, 0);
    }

    static int Count(string path, string where, JsonElement entry, string property, int minimum) =>
        entry.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= minimum
            ? n
            : throw new DataFileException(path, null, $"{where}.{property} must be a whole number >= {minimum}");
}
