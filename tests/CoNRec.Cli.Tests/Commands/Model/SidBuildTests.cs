namespace CoNRec.Cli.Tests.Commands.Model;

[Collection(ModelCommandsCollection.Name)]
public sealed class SidBuildTests(TrainedPolicyFixture policy)
{
    [Fact]
    public void Sid_build_writes_the_sid_folder()
    {
        string[] expected = ["codebooks.safetensors", "manifest.json", "sid_embeddings.safetensors", "sid_report.json", "sid_report.txt", "sid_table.tsv"];

        var files = Directory.GetFiles(policy.SidFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(expected, files);
        var table = File.ReadAllLines(Path.Combine(policy.SidFolder, "sid_table.tsv"));
        Assert.Equal("item_external_id\ta\tb\tc\tsuffix", table[0]);
        Assert.Equal(200, table.Length - 1);
        Assert.Contains($"wrote {policy.SidFolder}", policy.SidBuild.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Sid_build_prints_collisions_per_level_utilisation_and_category_coherence()
    {
        var lines = RunResult.Lines(policy.SidBuild.Out);

        Assert.Contains(lines, l => l.StartsWith("items 200, 3 levels x 16 codes", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("collision rate before suffix ", StringComparison.Ordinal));
        foreach (var level in "abc")
            Assert.Contains(lines, l => l.StartsWith($"level {level}: ", StringComparison.Ordinal) && l.Contains("/16 codes used", StringComparison.Ordinal) && l.Contains("perplexity", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("category coherence (first level", StringComparison.Ordinal) && l.Contains("ratio", StringComparison.Ordinal));
        // The report printed is the report written.
        Assert.Contains(File.ReadAllText(Path.Combine(policy.SidFolder, "sid_report.txt")).Trim(), policy.SidBuild.Out, StringComparison.Ordinal);
    }
}
