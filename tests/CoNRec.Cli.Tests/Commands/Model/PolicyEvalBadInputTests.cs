namespace CoNRec.Cli.Tests.Commands.Model;

/// <summary>A folder that is not a sound policy bundle stops <c>eval --model</c> with exit code 2, one "error:" line, and no results file.</summary>
[Collection(ModelCommandsCollection.Name)]
public sealed class PolicyEvalBadInputTests(TrainedPolicyFixture policy) : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    string Json => _temp.PathOf("eval.json");

    [Fact]
    public async Task A_folder_that_is_not_a_bundle_is_bad_input_naming_it()
    {
        string[] notBundles = [Directory.CreateDirectory(_temp.PathOf("empty")).FullName, policy.SidFolder, policy.RunFolder];

        foreach (var folder in notBundles)
        {
            var result = await Eval(folder);

            ModelRuns.AssertBadInput(result, folder, "not a policy bundle");
        }
        ModelRuns.AssertNothingWritten(Json);
    }

    [Fact]
    public async Task A_missing_folder_is_bad_input_naming_it()
    {
        var missing = _temp.PathOf("missing");

        var result = await Eval(missing);

        ModelRuns.AssertBadInput(result, missing, "no such policy folder");
        ModelRuns.AssertNothingWritten(Json);
    }

    [Theory]
    [InlineData("policy/model.safetensors")]
    [InlineData("vocab.json")]
    [InlineData("sid/sid_table.tsv")]
    public async Task A_bundle_with_a_tampered_file_is_bad_input_naming_the_file_and_its_hash(string file)
    {
        var bundle = ModelRuns.CopyFolder(policy.BundleFolder, _temp.PathOf("tampered/model"));
        var path = Path.Combine(bundle, file);
        var bytes = File.ReadAllBytes(path);
        bytes[^2] ^= 1;
        File.WriteAllBytes(path, bytes);

        var result = await Eval(bundle);

        ModelRuns.AssertBadInput(result, path, "sha256", "does not match the manifest");
        ModelRuns.AssertNothingWritten(Json);
    }

    Task<RunResult> Eval(string model) => Conrec.RunAsync("eval", "--data", policy.DataPath, "--model", model, "--out", Json);
}
