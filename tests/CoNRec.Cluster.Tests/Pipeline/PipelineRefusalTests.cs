using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Model.Lora;

namespace CoNRec.Cluster.Tests.Pipeline;

public sealed class PipelineRefusalTests
{
    [Fact]
    public async Task A_lora_policy_is_refused_before_anything_is_written()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-pipeline-" + Guid.NewGuid().ToString("N"));
        var config = SmallRun.Config() with { Policy = new PolicySection { Preset = "tiny", Lora = new LoraOptions() } };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new TrainingPipeline(config, folder, Serilog.Core.Logger.None).RunAsync());

        Assert.Contains("policy.lora", error.Message);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_malformed_run_manifest_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "conrec-manifest-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{\"runId\": \"nope\", \"grpoRunId\": \"nope\"}");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => RunManifest.TryRead(path));

            Assert.StartsWith(path + ":1:", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
