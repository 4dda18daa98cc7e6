using CoNRec.Core.Data;

namespace CoNRec.Cli.Tests.Commands.Data;

public sealed class SynthCommandTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Synth_writes_a_readable_dataset_of_the_requested_size()
    {
        var path = _temp.PathOf("world.conrec");

        var result = await Conrec.RunOkAsync(["data", "synth", "--out", path, .. SyntheticWorldFixture.SmallWorld]);

        var dataset = DatasetFile.Read(path);
        Assert.Equal(300, dataset.UserCount);
        Assert.Equal(200, dataset.Items.Count);
        Assert.True(dataset.Events.Count > 1000, $"only {dataset.Events.Count} events");
        Assert.NotNull(dataset.Truth);
        Assert.Equal("synthetic-seed42", dataset.Name);
        Assert.True((dataset.Events.MaxTime - dataset.Events.MinTime) / (double)Time.SecondsPerDay <= 30);
        Assert.Contains($"wrote {path}: 300 users, 200 items, {dataset.Events.Count:N0} events (seed 42", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_writes_the_same_bytes_and_another_seed_other_bytes()
    {
        string[] paths = [_temp.PathOf("a.conrec"), _temp.PathOf("b.conrec"), _temp.PathOf("c.conrec")];

        await Conrec.RunOkAsync(["data", "synth", "--out", paths[0], "--seed", "7", .. SyntheticWorldFixture.SmallWorld]);
        await Conrec.RunOkAsync(["data", "synth", "--out", paths[1], "--seed", "7", .. SyntheticWorldFixture.SmallWorld]);
        await Conrec.RunOkAsync(["data", "synth", "--out", paths[2], "--seed", "8", .. SyntheticWorldFixture.SmallWorld]);

        Assert.Equal(File.ReadAllBytes(paths[0]), File.ReadAllBytes(paths[1]));
        Assert.NotEqual(File.ReadAllBytes(paths[0]), File.ReadAllBytes(paths[2]));
    }

    [Fact]
    public async Task A_json_config_sets_the_world_and_command_line_options_override_it()
    {
        var config = _temp.Write("world.json", """
            {
              // comments and trailing commas are allowed
              "seed": 5,
              "users": 500,
              "items": 150,
              "days": 20,
              "topCategories": 3,
              "textFeatureDim": 8,
              "imageFeatureDim": 4,
            }
            """);
        var path = _temp.PathOf("world.conrec");

        var result = await Conrec.RunOkAsync("data", "synth", "--config", config, "--users", "120", "--out", path);

        var dataset = DatasetFile.Read(path);
        Assert.Equal(120, dataset.UserCount);
        Assert.Equal(150, dataset.Items.Count);
        Assert.Equal(12, dataset.Items.FeatureDim);
        Assert.Equal("synthetic-seed5", dataset.Name);
        Assert.Equal(3, dataset.Items.CategoryPaths.Select(p => p.Split('/')[0]).Distinct().Count());
        Assert.True((dataset.Events.MaxTime - dataset.Events.MinTime) / (double)Time.SecondsPerDay <= 20);
        Assert.Contains("(seed 5,", result.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string[]> BadConfigs => new()
    {
        { "malformed JSON", "{\n  \"users\": 100,\n  \"items\": ,\n}\n", ["bad.json:3:"] },
        { "an unknown setting", "{\n  \"users\": 100,\n  \"userz\": 10\n}\n", ["bad.json:3:", "'userz'"] },
        { "a value of the wrong type", "{\n  \"days\": 10,\n  \"users\": \"many\"\n}\n", ["bad.json:3:", "$.users"] },
        { "an out-of-range value", "{ \"users\": 0 }", ["bad.json", "synth.users", "got 0"] },
        { "an inconsistent pair of values", "{ \"dislikeStrengthMin\": 0.8, \"dislikeStrengthMax\": 0.2 }", ["bad.json", "synth.dislikeStrengthMax"] },
        { "too few items for the category tree", "{ \"items\": 10 }", ["bad.json", "synth.items"] },
    };

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public async Task A_bad_config_is_bad_input_named_in_one_error_line_and_nothing_is_written(string problem, string json, string[] named)
    {
        var config = _temp.Write("bad.json", json);
        var output = Directory.CreateDirectory(_temp.PathOf("out")).FullName;

        var result = await Conrec.RunAsync("data", "synth", "--config", config, "--out", Path.Combine(output, "world.conrec"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}\n{result}");
        var error = Assert.Single(result.ErrorLines);
        foreach (var text in named) Assert.Contains(text, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    [Fact]
    public async Task A_missing_config_file_is_bad_input_naming_the_file()
    {
        var output = _temp.PathOf("world.conrec");

        var result = await Conrec.RunAsync("data", "synth", "--config", _temp.PathOf("missing.json"), "--out", output);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("missing.json", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_invalid_override_on_the_command_line_names_the_setting()
    {
        var output = _temp.PathOf("world.conrec");

        var result = await Conrec.RunAsync("data", "synth", "--users", "0", "--out", output);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("synth.users must be >= 1", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Synth_without_an_output_file_is_a_parse_error()
    {
        var result = await Conrec.RunAsync("data", "synth", "--users", "10");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--out", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(_temp.Files());
    }
}
