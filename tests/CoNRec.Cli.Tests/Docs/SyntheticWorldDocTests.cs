using System.Text.Json;
using System.Text.RegularExpressions;
using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cli.Tests.Docs;

/// <summary>docs/synthetic-world.md stays true to <see cref="SyntheticWorldOptions"/>.</summary>
public sealed partial class SyntheticWorldDocTests : IDisposable
{
    readonly string _doc = RepositoryFiles.Read("docs/synthetic-world.md");
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_setting_is_documented_with_its_default_and_no_other()
    {
        using var defaults = JsonDocument.Parse(new SyntheticWorldOptions().ToJson());
        var expected = defaults.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());

        var documented = SettingRow().Matches(_doc).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected) Assert.True(documented[name] == value, $"{name}: documented {documented[name]}, default {value}");
    }

    [Fact]
    public async Task The_example_config_generates_the_world_it_describes()
    {
        var config = _temp.Write("world.json", RepositoryFiles.FencedBlock(_doc, "jsonc"));
        var output = _temp.PathOf("world.conrec");

        await Conrec.RunOkAsync("data", "synth", "--config", config, "--out", output);

        var options = SyntheticWorldOptions.Load(config);
        var dataset = DatasetFile.Read(output);
        Assert.Equal(1000, dataset.UserCount);
        Assert.Equal(800, dataset.Items.Count);
        Assert.Equal(48, dataset.Truth!.GroupCount);
        Assert.Equal(options.GroupCount, dataset.Truth.GroupCount);
        Assert.Equal("synthetic-seed7", dataset.Name);
    }

    [GeneratedRegex(@"^\| `(?<name>\w+)` \| `(?<value>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
