using System.Text.Json;
using CoNRec.Core.IO;
using CoNRec.Core.Evaluation;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>
/// One evaluated row: its metrics by display name ("FHR@20", "AlignAcc", ...; null when no user had the metric),
/// saved as <c>ablation/ROW/result.json</c> so a resumed study does not evaluate the row again.
/// </summary>
public sealed record AblationResult(string Row, string Label, IReadOnlyDictionary<string, double?> Metrics)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static AblationResult From(AblationRow row, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(result);
        var metrics = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var (name, value) in result.NamedMetrics().Concat(result.Extra)) metrics[name] = value.IsDefined ? value.Mean : null;
        return new AblationResult(row.Name, row.Label, metrics);
    }

    public double? this[string metric] => Metrics.TryGetValue(metric, out var value) ? value : null;

    public static AblationResult? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<AblationResult>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path}:1: expected an ablation result, got null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}:{(e.LineNumber ?? 0) + 1}: not an ablation result ({e.Message})", e);
        }
    }

    public void Write(string path) => AtomicText.Write(path, JsonSerializer.Serialize(this, Json));
}
