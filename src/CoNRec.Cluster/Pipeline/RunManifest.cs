using System.Text.Json;
using CoNRec.Core.IO;
using CoNRec.Core.Runs;

namespace CoNRec.Cluster.Pipeline;

/// <summary>
/// The run folder's identity (run.json): the pipeline's run id (its stage rows are the pipeline stages) and the GRPO
/// run's id (its stage rows are the curriculum stages). Written once, when the folder is first trained into.
/// </summary>
public sealed record RunManifest(string RunId, string GrpoRunId)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public RunId Run => Core.Runs.RunId.Parse(RunId, "run.json runId");
    public RunId GrpoRun => Core.Runs.RunId.Parse(GrpoRunId, "run.json grpoRunId");

    public static RunManifest New(TimeProvider time) =>
        new(Core.Runs.RunId.New(time).Value, Core.Runs.RunId.New(time).Value);

    public static RunManifest? TryRead(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var manifest = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}:1: expected the run's ids, got null");
            _ = manifest.Run;
            _ = manifest.GrpoRun;
            return manifest;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path}:1: not a run manifest ({e.Message})", e);
        }
    }

    public void Write(string path) => AtomicText.Write(path, JsonSerializer.Serialize(this, Json));
}
