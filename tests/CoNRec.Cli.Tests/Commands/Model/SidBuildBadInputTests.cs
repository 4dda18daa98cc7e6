using System.Globalization;
using CoNRec.Core.Data;

namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>Bad embeddings and settings stop <c>sid build</c> with exit code 2, one "error:" line naming the problem, and no SID folder.</summary>
[Collection(ModelCommandsCollection.Name)]
public sealed class SidBuildBadInputTests(TrainedPolicyFixture policy) : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Embeddings_of_different_dimensions_are_bad_input_naming_the_file_and_line()
    {
        var vectors = WriteEmbeddings(item => item == 1 ? "0.1 0.2 0.3" : "0.1 0.2 0.3 0.4");

        var result = await SidBuild("--embeddings", vectors);

        ModelRuns.AssertBadInput(result, $"{vectors}:2:", "3 values", "the first line had 4");
        ModelRuns.AssertNothingWritten(_temp.PathOf("sid"));
    }

    [Fact]
    public async Task An_embedding_with_nan_is_bad_input_naming_the_file_and_line()
    {
        var vectors = WriteEmbeddings(item => item == 2 ? "0.1 NaN 0.3" : "0.1 0.2 0.3");

        var result = await SidBuild("--embeddings", vectors);

        ModelRuns.AssertBadInput(result, $"{vectors}:3:", "'NaN' is not a finite number");
        ModelRuns.AssertNothingWritten(_temp.PathOf("sid"));
    }

    [Fact]
    public async Task Valid_embeddings_replace_the_features()
    {
        var vectors = WriteEmbeddings(item => string.Create(CultureInfo.InvariantCulture, $"{item % 7} {item % 5 - 2} {(item % 3) * 0.5}"));

        await Conrec.RunOkAsync("sid", "build", "--data", policy.DataPath, "--out", _temp.PathOf("sid"), "--config", policy.RqVaeConfig, "--embeddings", vectors);

        Assert.True(File.Exists(_temp.PathOf("sid/sid_table.tsv")));
    }

    [Fact]
    public async Task An_invalid_rq_vae_setting_is_bad_input_naming_the_setting()
    {
        var config = _temp.Write("rq-vae.json", """{ "levels": 0 }""");

        var result = await SidBuild("--config", config);

        ModelRuns.AssertBadInput(result, config, "sid.levels", "(got 0)");
        ModelRuns.AssertNothingWritten(_temp.PathOf("sid"));
    }

    Task<RunResult> SidBuild(params string[] args) =>
        Conrec.RunAsync(["sid", "build", "--data", policy.DataPath, "--out", _temp.PathOf("sid"), .. args.Contains("--config") ? args : [.. args, "--config", policy.RqVaeConfig]]);

    /// <summary>One line per item of the world, in item order (line n + 1 holds item n): "external id TAB values".</summary>
    string WriteEmbeddings(Func<int, string> values)
    {
        var ids = DatasetFile.Read(policy.DataPath).Items.ExternalIds;
        return _temp.Write("vectors.txt", string.Concat(ids.Select((id, item) => $"{id}\t{values(item)}\n")));
    }
}
