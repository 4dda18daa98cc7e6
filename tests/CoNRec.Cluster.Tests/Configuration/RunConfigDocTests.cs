using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CoNRec.Cluster.Configuration;
using CoNRec.Model.Lora;

namespace CoNRec.Cluster.Tests.Configuration;

/// <summary>docs/run-config.md and examples/run.yaml stay true to <see cref="RunConfig"/>.</summary>
public sealed partial class RunConfigDocTests
{
    [Fact]
    public void Every_setting_is_documented_with_its_default_and_no_other()
    {
        // The defaults, with LoRA's settings shown as they are when policy.lora is given.
        var defaults = new RunConfig() with { Policy = new() { Lora = new LoraOptions() } };
        var expected = ConfigSettings.Of(defaults).ToDictionary(s => s.Path, s => s.Json);
        expected["policy.lora"] = "null";

        var documented = SettingRow().Matches(RepositoryFiles.Read("docs/run-config.md"))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, value) in expected) Assert.True(documented[name] == value, $"{name}: documented {documented[name]}, default {value}");
    }

    [Fact]
    public void The_example_is_valid_and_is_the_demo_with_its_own_name()
    {
        var example = RunConfigFile.Load(RepositoryFiles.PathOf("examples/run.yaml"));

        var demo = RunConfig.Demo() with { Name = "example", Policy = new() { Preset = "small" } };
        Assert.Equal(demo.ToJson(), example.ToJson());
    }

    [Fact]
    public void The_example_writes_out_every_setting()
    {
        var written = JsonNode.Parse(YamlToJson.Convert(RepositoryFiles.Read("examples/run.yaml")).Json)!;

        static IEnumerable<string> PathsOutsideTheWorld(IEnumerable<ConfigSetting> settings) =>
            settings.Select(s => s.Path).Where(p => !p.StartsWith("data.synthetic", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(PathsOutsideTheWorld(ConfigSettings.Of(new RunConfig())), PathsOutsideTheWorld(ConfigSettings.Leaves(written)));
    }

    [GeneratedRegex(@"^\| `(?<name>[\w.\[\]]+)` \| `(?<value>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
