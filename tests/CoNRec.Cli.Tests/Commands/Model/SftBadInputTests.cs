namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>Bad settings and backbones stop <c>sft</c> with exit code 2, one "error:" line naming the problem, and no run folder.</summary>
[Collection(ModelCommandsCollection.Name)]
public sealed class SftBadInputTests(TrainedPolicyFixture policy) : IDisposable
{
    const string SidPlaceholder = "{sid}";

    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    string Output => _temp.PathOf("run");

    [Theory]
    [InlineData(new[] { "--sid", SidPlaceholder, "--tasks", "foo" }, new[] { "--tasks", "'foo'" })]
    [InlineData(new[] { "--sid", SidPlaceholder, "--context", "bogus" }, new[] { "--context", "'bogus'" })]
    [InlineData(new[] { "--sid", SidPlaceholder, "--lora-rank", "-1" }, new[] { "--lora-rank", "-1" })]
    [InlineData(new[] { "--sid", SidPlaceholder, "--steps", "0" }, new[] { "sft.steps", "(got 0)" })]
    [InlineData(new[] { "--sid", SidPlaceholder, "--batch-size", "0" }, new[] { "sft.batchSize", "(got 0)" })]
    [InlineData(new[] { "--steps", "2" }, new[] { "--sid is required for a new policy" })]
    public async Task An_invalid_setting_is_bad_input_naming_it(string[] settings, string[] named)
    {
        var args = settings.Select(a => a == SidPlaceholder ? policy.SidFolder : a);

        var result = await Conrec.RunAsync(["sft", "--data", policy.DataPath, "--out", Output, "--model", "tiny", .. args]);

        ModelRuns.AssertBadInput(result, named);
        ModelRuns.AssertNothingWritten(Output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_backbone_folder_without_config_json_is_bad_input_naming_it(bool withTokenizerAndWeights)
    {
        var backbone = Directory.CreateDirectory(_temp.PathOf("backbone")).FullName;
        if (withTokenizerAndWeights)
        {
            BackboneFolder.WriteModel(backbone);
            BackboneFolder.WriteTokenizer(backbone);
            File.Delete(Path.Combine(backbone, "config.json"));
        }

        var result = await SftFrom(backbone);

        ModelRuns.AssertBadInput(result, Path.Combine(backbone, "config.json"));
        ModelRuns.AssertNothingWritten(Output);
    }

    [Fact]
    public async Task A_backbone_whose_weights_do_not_match_its_config_is_bad_input_naming_the_tensor()
    {
        var backbone = _temp.PathOf("backbone");
        BackboneFolder.WriteModel(backbone, config => config["intermediate_size"] = 96);
        BackboneFolder.WriteTokenizer(backbone);

        var result = await SftFrom(backbone);

        // The tiny model's MLP is 32 -> 64; the edited config says 32 -> 96.
        ModelRuns.AssertBadInput(result, backbone, "model.safetensors: 'model.layers.", ".mlp.", "has shape [64, 32] but config.json implies [96, 32]");
        ModelRuns.AssertNothingWritten(Output);
    }

    [Fact]
    public async Task A_backbone_without_tokenizer_files_is_bad_input_naming_the_folder()
    {
        var backbone = _temp.PathOf("backbone");
        BackboneFolder.WriteModel(backbone);

        var result = await SftFrom(backbone);

        ModelRuns.AssertBadInput(result, backbone, "no tokenizer.json, nor vocab.json with merges.txt");
        ModelRuns.AssertNothingWritten(Output);
    }

    Task<RunResult> SftFrom(string backbone) =>
        Conrec.RunAsync("sft", "--data", policy.DataPath, "--sid", policy.SidFolder, "--backbone", backbone, "--out", Output, "--steps", "2", "--batch-size", "8");
}
