namespace CoNRec.Cli.Tests;

public sealed class OutputPathTests(SyntheticWorldFixture world) : IClassFixture<SyntheticWorldFixture>, IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("synth")]
    [InlineData("import")]
    [InlineData("eval")]
    public async Task An_output_path_that_is_a_folder_is_bad_input_and_the_folder_stays_empty(string command)
    {
        var folder = Directory.CreateDirectory(_temp.PathOf("results")).FullName;
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());
        string[] args = command switch
        {
            "synth" => ["data", "synth", "--users", "20", "--out", folder],
            "import" => ["data", "import", "--format", "csv", "--input", input, "--out", folder],
            _ => ["eval", "--data", world.DataPath, "--baseline", "random", "--out", folder],
        };

        var result = await Conrec.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Contains($"--out: '{folder}' is a folder", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.Equal("", result.Out);
    }
}
