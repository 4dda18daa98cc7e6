using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Core.Tests.Synthetic;

public sealed class SyntheticWorldOptionsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-synth-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    string Write(string json)
    {
        var path = Path.Combine(_dir, "world.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Defaults_are_valid()
    {
        var options = new SyntheticWorldOptions();

        options.Validate();

        Assert.Equal(96, options.GroupCount);
        Assert.Equal(64, options.FeatureDim);
    }

    static SyntheticWorldOptions Broken(string setting) => setting switch
    {
        "users" => new() { Users = 0 },
        "days" => new() { Days = -3 },
        "explorationRate" => new() { ExplorationRate = 1.5 },
        "popularitySkew" => new() { PopularitySkew = double.NaN },
        "items" => new() { Items = 10 },
        "dislikeStrengthMax" => new() { DislikeStrengthMin = 0.8, DislikeStrengthMax = 0.5 },
        "positiveRate" => new() { PositiveRate = 0.5, ClickRate = 0.6 },
        _ => throw new ArgumentOutOfRangeException(nameof(setting)),
    };

    [Theory]
    [InlineData("users", "synth.users must be >= 1 (got 0)")]
    [InlineData("days", "synth.days must be >= 1 (got -3)")]
    [InlineData("explorationRate", "synth.explorationRate must be in [0, 1] (got 1.5)")]
    [InlineData("popularitySkew", "synth.popularitySkew must be a finite number >= 0 (got NaN)")]
    [InlineData("items", "synth.items must be >= the number of attribute groups")]
    [InlineData("dislikeStrengthMax", "synth.dislikeStrengthMax must be >= synth.dislikeStrengthMin (got 0.5 < 0.8)")]
    [InlineData("positiveRate", "synth.positiveRate + synth.clickRate + synth.baseClickRate must be <= 1")]
    public void Validate_names_the_setting_and_the_bad_value(string setting, string expected)
    {
        var options = Broken(setting);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reads_camel_case_settings_and_keeps_defaults_for_the_rest()
    {
        var path = Write("""
            {
              // a small world
              "users": 120,
              "seed": 7,
              "explorationRate": 0.5,
            }
            """);

        var options = SyntheticWorldOptions.Load(path);

        Assert.Equal(new SyntheticWorldOptions { Users = 120, Seed = 7, ExplorationRate = 0.5 }, options);
    }

    [Fact]
    public void ToJson_round_trips_through_Load()
    {
        var original = new SyntheticWorldOptions { Users = 50, Items = 200, InterestNoiseRate = 0.01, StartTime = 1_000_000 };
        var path = Write(original.ToJson());

        var loaded = SyntheticWorldOptions.Load(path);

        Assert.Equal(original, loaded);
    }

    [Fact]
    public void Load_refuses_an_unknown_setting_naming_file_and_line()
    {
        var path = Write("{\n  \"users\": 10,\n  \"userz\": 12\n}\n");

        var error = Assert.Throws<DataFileException>(() => SyntheticWorldOptions.Load(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal(3, error.Line);
        Assert.Contains("userz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_malformed_json_with_file_and_line()
    {
        var path = Write("{\n  \"users\": 10,\n  \"items\": ,\n}\n");

        var error = Assert.Throws<DataFileException>(() => SyntheticWorldOptions.Load(path));

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}:3: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_an_out_of_range_setting_naming_file_and_setting()
    {
        var path = Write("""{ "days": 0 }""");

        var error = Assert.Throws<DataFileException>(() => SyntheticWorldOptions.Load(path));

        Assert.Equal($"{path}: synth.days must be >= 1 (got 0)", error.Message);
    }

    [Fact]
    public void Load_of_a_missing_file_names_it()
    {
        var path = Path.Combine(_dir, "missing.json");

        var error = Assert.Throws<DataFileException>(() => SyntheticWorldOptions.Load(path));

        Assert.Equal(path, error.FilePath);
    }
}
