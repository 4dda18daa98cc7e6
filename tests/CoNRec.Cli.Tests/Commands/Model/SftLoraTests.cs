namespace CoNRec.Cli.Tests.Commands.Model;

[Collection(ModelCommandsCollection.Name)]
public sealed class SftLoraTests(TrainedPolicyFixture policy) : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Sft_with_a_lora_rank_writes_an_adapter_and_a_merged_bundle_that_eval_reads()
    {
        var output = _temp.PathOf("lora");
        var json = _temp.PathOf("eval.json");

        await Conrec.RunOkAsync(policy.TinySft(output, 4, "--lora-rank", "2"));
        var eval = await Conrec.RunOkAsync("eval", "--data", policy.DataPath, "--model", Path.Combine(output, "model"), "--out", json);

        Assert.True(File.Exists(Path.Combine(output, "adapter", "adapter_config.json")));
        Assert.True(File.Exists(Path.Combine(output, "adapter", "adapter_model.safetensors")));
        Assert.Contains("\"r\": 2", File.ReadAllText(Path.Combine(output, "adapter", "adapter_config.json")), StringComparison.Ordinal);
        // Merged: the bundle holds plain projections only, in the same layout as full fine-tuning's.
        var config = File.ReadAllText(Path.Combine(output, "model", "policy", "config.json"));
        Assert.Equal(File.ReadAllText(Path.Combine(policy.BundleFolder, "policy", "config.json")), config);
        Assert.Equal(["lora"], EvalResults.Read(json).Models);
        Assert.Equal("lora", ModelRuns.TableRows(eval.Out)[1][0]);
    }

    [Fact]
    public async Task An_adapter_applies_to_its_own_base_and_is_refused_for_another()
    {
        var adapterRun = _temp.PathOf("adapter-run");
        var otherRun = _temp.PathOf("other-seed");
        var json = _temp.PathOf("eval.json");
        await Conrec.RunOkAsync("sft", "--data", policy.DataPath, "--init", policy.BundleFolder, "--lora-rank", "2", "--out", adapterRun, "--steps", "2", "--batch-size", "8");
        await Conrec.RunOkAsync(policy.TinySft(otherRun, 2, "--seed", "7"));
        var adapter = Path.Combine(adapterRun, "adapter");

        await Conrec.RunOkAsync("eval", "--data", policy.DataPath, "--model", policy.BundleFolder, "--adapter", adapter, "--out", json);
        File.Delete(json);
        var refused = await Conrec.RunAsync("eval", "--data", policy.DataPath, "--model", Path.Combine(otherRun, "model"), "--adapter", adapter, "--out", json);

        ModelRuns.AssertBadInput(refused, Path.Combine(adapter, "adapter_config.json"), "made for another base");
        ModelRuns.AssertNothingWritten(json);
    }
}
