using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoNRec.Core.Evaluation;

/// <summary>
/// Results as JSON (camelCase): <c>{ "metadata": {...}, "results": [{ "model", "k", "userCount", "caseCount",
/// "metrics": { "HR@20": 0.0123, ... }, "users": { "HR@20": 812, ... } }] }</c>. A metric with no users is null.
/// Written to a temporary file in the same folder, then moved over the target: readers never see half a file.
/// </summary>
public static class ResultJson
{
    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(IEnumerable<EvaluationResult> results, ResultMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(metadata);
        var document = new ResultDocument(metadata, [.. results.Select(ToEntry)]);
        return JsonSerializer.Serialize(document, Options);
    }

    public static void Write(string path, IEnumerable<EvaluationResult> results, ResultMetadata metadata)
    {
        var json = Serialize(results, metadata);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, leaveOpen: true)) writer.Write(json);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    static ResultEntry ToEntry(EvaluationResult r)
    {
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, value) in r.NamedMetrics())
        {
            metrics[name] = value.IsDefined ? value.Mean : null;
            users[name] = value.Users;
        }
        return new ResultEntry(r.Model, r.K, r.UserCount, r.CaseCount, metrics, users);
    }

    sealed record ResultDocument(ResultMetadata Metadata, ResultEntry[] Results);

    sealed record ResultEntry(string Model, int K, int UserCount, int CaseCount, Dictionary<string, double?> Metrics, Dictionary<string, int> Users);
}
