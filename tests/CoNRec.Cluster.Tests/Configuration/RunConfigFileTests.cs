using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Data;
using CoNRec.Core.Grpo;
using CoNRec.Core.Rewards;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class RunConfigFileTests : IDisposable
{
    const string Json = """
        {
          // comments and trailing commas are allowed, as in every settings file
          "name": "taobao-small",
          "seed": 7,
          "data": { "dataset": "data/taobao.conrec" },
          "grpo": { "clipHigh": 0.28, "groupSize": 4, "lossAggregation": "drGrpo" },
          "reward": { "gamma": 0.3, "swing": { "minCommonUsers": 3 } },
          "curriculum": { "stages": [
            { "index": 0, "name": "all-negatives", "context": "negatives", "sampleBudget": 64, "beta": 0.05 },
          ] },
        }
        """;

    const string Yaml = """
        # the same settings as YAML
        name: taobao-small
        seed: 7
        data:
          dataset: data/taobao.conrec
        grpo:
          clipHigh: 0.28
          groupSize: 4
          lossAggregation: drGrpo
        reward:
          gamma: 0.3
          swing: { minCommonUsers: 3 }
        curriculum:
          stages:
            - index: 0
              name: all-negatives
              context: negatives
              sampleBudget: 64
              beta: 0.05
        """;

    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Json_and_yaml_files_load_the_same_config()
    {
        var fromJson = RunConfigFile.Load(_temp.Write("run.json", Json));
        var fromYaml = RunConfigFile.Load(_temp.Write("run.yml", Yaml));

        Assert.Equal(fromJson.ToJson(), fromYaml.ToJson());
        Assert.Equal("taobao-small", fromJson.Name);
        Assert.Equal(0.28, fromJson.Grpo.Update.ClipHigh);
        Assert.Equal(0.2, fromJson.Grpo.Update.ClipLow);
        Assert.Equal(LossAggregation.DrGrpo, fromYaml.Grpo.Update.LossAggregation);
        Assert.Equal(4, fromYaml.Grpo.GroupSize);
        Assert.Equal(0.3, fromYaml.Reward.Scoring.Gamma);
        Assert.Equal(RewardVariant.NegativeMinusPositive, fromYaml.Reward.Scoring.Variant);
        Assert.Equal(3, fromYaml.Reward.Swing.MinCommonUsers);
        Assert.Equal(64, Assert.Single(fromYaml.Curriculum.Stages).SampleBudget);
    }

    [Fact]
    public void A_relative_dataset_path_is_read_against_the_config_files_folder()
    {
        var config = RunConfigFile.Load(_temp.Write("run.yaml", Yaml));

        Assert.Equal(Path.Combine(_temp.Path, "data", "taobao.conrec"), config.Data.Dataset);
    }

    [Fact]
    public void A_data_plane_section_is_read_with_its_relative_cache_folder_against_the_config_files_folder()
    {
        var config = RunConfigFile.Load(_temp.Write("run.yaml", Yaml + "\ndataPlane:\n  mode: http\n  port: 7070\n  cacheFolder: cache/weights\n"));

        Assert.Equal(DataPlaneMode.Http, config.DataPlane.Mode);
        Assert.Equal(7070, config.DataPlane.Port);
        Assert.Equal("0.0.0.0", config.DataPlane.BindHost);
        Assert.Equal(Path.Combine(_temp.Path, "cache", "weights"), config.DataPlane.CacheFolder);
    }

    [Fact]
    public void An_invalid_data_plane_setting_is_refused_at_its_line_with_its_name()
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("dp.yaml", "data: { synthetic: {} }\ndataPlane:\n  mode: http\n  bindHost: learner-0\n")));

        Assert.Equal("dataPlane.bindHost must be an IP address, \"*\" or \"localhost\" (got 'learner-0'); put a host name in dataPlane.advertisedHost", error.Problem);
        Assert.Equal(4, error.Line);
    }

    [Theory]
    [InlineData("run.json", "{\n  \"data\": { \"synthetic\": {} },\n  \"grpo\": {\n    \"clipLo\": 0.1\n  }\n}", 4, "grpo.clipLo")]
    [InlineData("run.yaml", "data:\n  synthetic: {}\ngrpo:\n  groupSize: 4\n  clipLo: 0.1\n", 5, "grpo.clipLo")]
    [InlineData("run.yaml", "data:\n  synthetic:\n    users: 10\n    colors: 3\n", 4, "data.synthetic.colors")]
    [InlineData("run.json", "{ \"data\": { \"synthetic\": {} },\n \"bogus\": 1 }", 2, "bogus")]
    [InlineData("run.yaml", "data: { synthetic: {} }\ngrpo:\n  beta: 0.1\n", 3, "grpo.beta")]
    public void An_unknown_setting_is_refused_with_its_name_and_line(string file, string text, int line, string setting)
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write(file, text)));

        Assert.StartsWith($"unknown setting {setting}", error.Problem, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.EndsWith(file, error.FilePath, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run.json", "{ \"data\": { \"synthetic\": {} },\n \"grpo\": { \"groupSize\": \"eight\" } }", 2, "grpo.groupSize: expected a whole number")]
    [InlineData("run.yaml", "data: { synthetic: {} }\ngrpo:\n  groupSize: eight\n", 3, "grpo.groupSize: expected a whole number")]
    [InlineData("run.yaml", "data: { synthetic: {} }\ngrpo:\n  lossAggregation: sum\n", 3, "grpo.lossAggregation: expected one of tokenMean, seqMeanTokenMean, drGrpo")]
    [InlineData("run.yaml", "data: { synthetic: {} }\nsplit:\n  excludeSeenItems: maybe\n", 3, "split.excludeSeenItems: expected true or false")]
    [InlineData("run.json", "{ \"data\": { \"synthetic\": {} },\n \"seed\": 1,\n \"seed\": 2 }", 3, "seed is given twice")]
    public void A_value_of_the_wrong_type_is_refused_with_its_setting_and_line(string file, string text, int line, string problem)
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write(file, text)));

        Assert.Equal(problem, error.Problem);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_per_stage_setting_given_for_all_of_grpo_points_to_its_place()
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.yaml", "data: { synthetic: {} }\ngrpo:\n  beta: 0.1\n")));

        Assert.Equal("unknown setting grpo.beta: beta is set per stage, as curriculum.stages[i].beta", error.Problem);
    }

    [Theory]
    [InlineData("a.yaml", RunConfigFormat.Yaml)]
    [InlineData("a.yml", RunConfigFormat.Yaml)]
    [InlineData("A.JSON", RunConfigFormat.Json)]
    public void Both_formats_are_known_by_their_extension(string file, RunConfigFormat format) => Assert.Equal(format, RunConfigFile.FormatOf(file));

    [Theory]
    [InlineData("name: a\nseed: 1\ndata: synthetic: {}\n", 3)]
    [InlineData("name: a\nsid:\n  hiddenDims: [1, 2\nseed: 3\n", 3)]
    public void A_yaml_syntax_error_carries_the_yaml_line(string text, int line)
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.yaml", text)));

        Assert.StartsWith("invalid YAML: ", error.Problem, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void A_repeated_yaml_key_is_refused_with_its_line()
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.yaml", "data: { synthetic: {} }\nseed: 1\nseed: 2\n")));

        Assert.Contains("Duplicate key seed", error.Problem, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void A_json_syntax_error_carries_the_line()
    {
        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.json", "{\n  \"name\": \"a\"\n  \"seed\": 2\n}")));

        Assert.StartsWith("invalid JSON", error.Problem, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void An_invalid_value_is_refused_at_the_line_of_its_setting()
    {
        var fromYaml = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("b.yaml", "data: { synthetic: {} }\ngrpo:\n  groupSize: 4\n  clipLow: 1.5\n")));
        var fromJson = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("b.json", "{\n\"data\": { \"synthetic\": {} },\n\"grpo\": {\n  \"clipLow\": 1.5 }\n}")));

        Assert.Equal("grpo.clipLow must be in [0, 1) (got 1.5)", fromYaml.Problem);
        Assert.Equal(4, fromYaml.Line);
        Assert.Equal("grpo.clipLow must be in [0, 1) (got 1.5)", fromJson.Problem);
        Assert.Equal(4, fromJson.Line);
    }

    [Fact]
    public void An_invalid_value_in_a_nested_list_points_at_its_line()
    {
        const string text = """
            data: { synthetic: {} }
            curriculum:
              stages:
                - { index: 0, name: a, context: recentNegatives, sampleBudget: 64, beta: 0.04 }
                - index: 1
                  name: b
                  context: negatives
                  sampleBudget: 64
                  beta: -1
            """;

        var error = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.yaml", text)));

        Assert.Equal("curriculum.stages[1].beta must be >= 0 (got -1)", error.Problem);
        Assert.Equal(9, error.Line);
    }

    [Fact]
    public void Unquoted_numbers_and_booleans_are_read_as_text_where_text_is_expected()
    {
        var config = RunConfigFile.Load(_temp.Write("run.yaml", "name: 2024\ndata: { synthetic: {} }\nretention:\n  metricName: true\n"));

        Assert.Equal("2024", config.Name);
        Assert.Equal("true", config.Retention.MetricName);
    }

    [Fact]
    public void A_missing_file_an_unknown_extension_and_an_empty_yaml_are_refused()
    {
        var missing = Assert.Throws<DataFileException>(() => RunConfigFile.Load(Path.Combine(_temp.Path, "none.yaml")));
        var extension = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.toml", "")));
        var empty = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("run.yaml", "# nothing\n")));
        var list = Assert.Throws<DataFileException>(() => RunConfigFile.Load(_temp.Write("list.yaml", "- a\n- b\n")));

        Assert.Equal("no such run config file", missing.Problem);
        Assert.Contains(".json, .yaml or .yml", extension.Problem, StringComparison.Ordinal);
        Assert.Contains("empty", empty.Problem, StringComparison.Ordinal);
        Assert.Contains("expected a mapping", list.Problem, StringComparison.Ordinal);
    }
}
