using System.Text.Json;
using CoNRec.Core.IO;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>
/// The study's identity (<c>ablation/ablation.json</c>): the study's run id (its stage rows are the ablation rows) and
/// one GRPO run id per GRPO row. Written once, so a resumed study continues the same runs.
/// </summary>
public sealed record AblationManifest(string StudyRunId, IReadOnlyDictionary<string, string> GrpoRunIds)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public RunId Study => RunId.Parse(StudyRunId, "ablation.json studyRunId");

    public RunId GrpoRunOf(string row) =>
        GrpoRunIds.TryGetValue(row, out var id) ? RunId.Parse(id, $"ablation.json grpoRunIds.{row}") : throw new KeyNotFoundException($"ablation.json has no GRPO run for row {row}");

    public static AblationManifest New(TimeProvider time) => new(
        RunId.New(time).Value,
        AblationRow.All.Where(r => r.Source == AblationSource.Grpo).ToDictionary(r => r.Name, _ => RunId.New(time).Value, StringComparer.Ordinal));

    public static AblationManifest ReadOrCreate(string path, TimeProvider time)
    {
        if (File.Exists(path))
        {
            try
            {
                var manifest = JsonSerializer.Deserialize<AblationManifest>(File.ReadAllText(path), Json)
                               ?? throw new InvalidDataException($"{path}:1: expected the study's run ids, got null");
                _ = manifest.Study;
                foreach (var row in AblationRow.All.Where(r => r.Source == AblationSource.Grpo)) _ = manifest.GrpoRunOf(row.Name);
                return manifest;
            }
            catch (Exception e) when (e is JsonException or ArgumentException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}:1: not an ablation manifest ({e.Message})", e);
            }
        }
        var created = New(time);
        AtomicText.Write(path, JsonSerializer.Serialize(created, Json));
        return created;
    }
}
