using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Observability;
using CoNRec.Core.Curriculum;
using CoNRec.Model.Lora;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class RunConfigRoundTripTests
{
    // Text that would read as another type, or needs quoting, wherever a string setting appears.
    static readonly RunConfig Unusual = RunConfig.Demo() with
    {
        Name = "2024",
        Data = new() { Dataset = "/data/my events: v2.conrec" },
        Split = new() { T0 = 1_740_000_000 },
        Policy = new() { Backbone = "/models/qwen3 0.6b", Device = "cuda:1", Dtype = "bf16", Lora = new LoraOptions { Rank = 4, ModulesToSave = ["lm_head"] } },
        Store = new() { Location = "postgres://conrec@db:5432/conrec?sslmode=require" },
        Logging = new(SeqUrl: "http://seq:5341"),
        Retention = new() { KeepLast = 2, MetricName = "true" },
        DataPlane = new() { Mode = DataPlaneMode.Http, Port = 7070, BindHost = "::", AdvertisedHost = "learner-0.conrec", CacheFolder = "/var/cache/conrec: weights" },
        Cluster = new() { Hostname = "trainer-0.conrec", Port = 4053, RolloutWorkers = 0, RewardWorkers = 2 },
        Curriculum = new() { Stages = [new CurriculumStage(0, "yes", StageContext.Negatives, 64, 0)] },
    };

    [Theory]
    [InlineData(RunConfigFormat.Json)]
    [InlineData(RunConfigFormat.Yaml)]
    public void Writing_and_reading_gives_the_same_config(RunConfigFormat format)
    {
        foreach (var config in new[] { RunConfig.Demo(), Unusual })
        {
            var text = format == RunConfigFormat.Json ? config.ToJson() : config.ToYaml();

            var read = RunConfigFile.Parse(text, format);

            Assert.Equal(config.ToJson(), read.ToJson());
            Assert.Equal(config.Fingerprint, read.Fingerprint);
        }
    }

    [Fact]
    public void Yaml_quotes_text_that_would_read_as_another_type()
    {
        var yaml = Unusual.ToYaml();

        Assert.Contains("name: \"2024\"", yaml, StringComparison.Ordinal);
        Assert.Contains("metricName: \"true\"", yaml, StringComparison.Ordinal);
        Assert.Contains("name: \"yes\"", yaml, StringComparison.Ordinal);
        Assert.Contains("hiddenDims: [512, 256, 128]", yaml, StringComparison.Ordinal);
        Assert.Contains("t0: 1740000000", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Save_writes_the_format_of_the_extension()
    {
        using var temp = new TempFolder();
        var json = Path.Combine(temp.Path, "run.json");
        var yaml = Path.Combine(temp.Path, "run.yaml");

        RunConfigFile.Save(Unusual, json);
        RunConfigFile.Save(Unusual, yaml);

        Assert.StartsWith("{", File.ReadAllText(json), StringComparison.Ordinal);
        Assert.StartsWith("name:", File.ReadAllText(yaml), StringComparison.Ordinal);
        Assert.Equal(RunConfigFile.Load(json).ToJson(), RunConfigFile.Load(yaml).ToJson());
    }

    [Fact]
    public void The_fingerprint_is_a_stable_sha256()
    {
        var first = RunConfig.Demo().Fingerprint;
        var second = RunConfig.Demo().Fingerprint;

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void The_fingerprint_changes_with_any_training_setting()
    {
        var demo = RunConfig.Demo();
        var changed = new[]
        {
            demo with { Seed = 2 },
            demo with { Grpo = demo.Grpo with { Update = demo.Grpo.Update with { ClipHigh = 0.28 } } },
            demo with { Grpo = demo.Grpo with { GroupSize = 16 } },
            demo with { Curriculum = demo.Curriculum.WithSampleBudget(1024) },
            demo with { Reward = demo.Reward with { Swing = demo.Reward.Swing with { Theta = 0.4 } } },
            demo with { Data = new() { Synthetic = demo.Data.Synthetic! with { Seed = 1 } } },
        };

        var fingerprints = changed.Select(c => c.Fingerprint).Append(demo.Fingerprint);

        Assert.Equal(changed.Length + 1, fingerprints.Distinct().Count());
    }

    [Fact]
    public void The_fingerprint_ignores_store_logging_retention_the_data_plane_and_the_cluster()
    {
        var demo = RunConfig.Demo();
        var moved = demo with
        {
            Store = new() { Location = "postgres://conrec@db/conrec" },
            Logging = new LoggingOptions(SeqUrl: "http://seq:5341"),
            Retention = new() { KeepLast = 10 },
            DataPlane = new() { Mode = DataPlaneMode.Http, Port = 7070, AdvertisedHost = "learner-0" },
            Cluster = new() { Hostname = "trainer-0", Port = 4053, RolloutWorkers = 0, RewardWorkers = 0 },
        };

        Assert.Equal(demo.Fingerprint, moved.Fingerprint);
        Assert.NotEqual(demo.ToJson(), moved.ToJson());
    }

    [Fact]
    public void Changed_settings_are_listed_by_path()
    {
        var demo = RunConfig.Demo();
        var changed = demo with
        {
            Grpo = demo.Grpo with { Update = demo.Grpo.Update with { ClipHigh = 0.28 } },
            Curriculum = new() { Stages = [.. demo.Curriculum.Stages.Select(s => s.Index == 2 ? s with { Beta = 0 } : s)] },
            Logging = new LoggingOptions(SeqUrl: "http://seq:5341"),
        };

        Assert.Equal(["curriculum.stages[2].beta", "grpo.clipHigh"], ConfigFingerprint.ChangedSettings(demo, changed));
    }
}
