using CoNRec.Model.Checkpoints;

namespace CoNRec.Cli.Tests.Commands.Model;

[Collection(ModelCommandsCollection.Name)]
public sealed class SftCommandTests(TrainedPolicyFixture policy) : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Sft_writes_a_policy_bundle_and_a_step_checkpoint()
    {
        var bundle = policy.BundleFolder;

        foreach (var file in new[] { "policy/config.json", "policy/model.safetensors", "vocab.json", "manifest.json", "sid/sid_table.tsv" })
            Assert.True(File.Exists(Path.Combine(bundle, file)), $"the bundle lacks {file}");
        Assert.Equal(File.ReadAllText(Path.Combine(policy.SidFolder, "sid_table.tsv")), File.ReadAllText(Path.Combine(bundle, "sid", "sid_table.tsv")));
        var checkpoint = Assert.Single(Directory.GetDirectories(Path.Combine(policy.RunFolder, "checkpoints")));
        Assert.Equal("step-000006", Path.GetFileName(checkpoint));
        Assert.Contains($"sft: steps 1..{TrainedPolicyFixture.Steps}", policy.Sft.Out, StringComparison.Ordinal);
        Assert.Contains($"wrote {bundle}", policy.Sft.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sft_with_more_steps_resumes_from_the_last_checkpoint_and_ends_where_an_uninterrupted_run_does()
    {
        var resumed = _temp.PathOf("resumed");
        var fresh = _temp.PathOf("fresh");
        await Conrec.RunOkAsync(policy.TinySft(resumed, 6));

        var second = await Conrec.RunOkAsync(policy.TinySft(resumed, 10));
        await Conrec.RunOkAsync(policy.TinySft(fresh, 10));

        Assert.Contains("sft: steps 7..10", second.Out, StringComparison.Ordinal);
        Assert.Equal(["step-000006", "step-000010"], Directory.GetDirectories(Path.Combine(resumed, "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var weights = Path.Combine("model", "policy", "model.safetensors");
        Assert.Equal(File.ReadAllBytes(Path.Combine(fresh, weights)), File.ReadAllBytes(Path.Combine(resumed, weights)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(policy.BundleFolder, "policy", "model.safetensors")), File.ReadAllBytes(Path.Combine(resumed, weights)));
    }

    [Fact]
    public async Task Sft_init_continues_from_the_bundles_weights_without_a_sid_folder()
    {
        var output = _temp.PathOf("next-negative");

        // A vanishing learning rate: the weights stay where the bundle left them, unless training started elsewhere.
        var result = await Conrec.RunOkAsync("sft", "--data", policy.DataPath, "--init", policy.BundleFolder, "--tasks", "next-negative",
            "--out", output, "--steps", "1", "--batch-size", "8", "--lr", "1e-9");

        Assert.Contains("(next-negative; context Negatives)", result.Error, StringComparison.Ordinal);
        var bundle = Path.Combine(output, "model");
        Assert.Equal(File.ReadAllText(Path.Combine(policy.BundleFolder, "policy", "config.json")), File.ReadAllText(Path.Combine(bundle, "policy", "config.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(policy.BundleFolder, "vocab.json")), File.ReadAllText(Path.Combine(bundle, "vocab.json")));
        var before = SafeTensors.Read(Path.Combine(policy.BundleFolder, "policy", "model.safetensors"));
        var after = SafeTensors.Read(Path.Combine(bundle, "policy", "model.safetensors"));
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, tensor) in before)
            Assert.True(tensor.allclose(after[name], rtol: 0, atol: 1e-6), $"{name} moved away from the bundle's");
        foreach (var t in before.Values.Concat(after.Values)) t.Dispose();
    }
}
