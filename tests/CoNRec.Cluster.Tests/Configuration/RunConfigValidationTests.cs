using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.DataPlane;
using CoNRec.Core.Coordination;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Optimization;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Lora;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class RunConfigValidationTests
{
    static readonly RunConfig Demo = RunConfig.Demo();

    public static TheoryData<string, RunConfig> InvalidConfigs => new()
    {
        { "name must be letters, digits, '.', '_' or '-', starting with a letter or digit (got 'my run')", Demo with { Name = "my run" } },
        { "data needs data.dataset (a *.conrec file) or data.synthetic (a synthetic world; {} for the default one)", Demo with { Data = new() } },
        { "data.dataset and data.synthetic exclude each other: give one", Demo with { Data = Demo.Data with { Dataset = "a.conrec" } } },
        { "data.dataset must be a *.conrec file (got 'events.csv')", Demo with { Data = new() { Dataset = "events.csv" } } },
        { "data.synthetic.users must be >= 1 (got 0)", Demo with { Data = new() { Synthetic = new SyntheticWorldOptions { Users = 0 } } } },
        { "split.windowDays must be a positive number of days (got 0)", Demo with { Split = Demo.Split with { WindowDays = 0 } } },
        { "split.candidateDistractors must be >= 1 (got 0)", Demo with { Split = Demo.Split with { CandidateDistractors = 0 } } },
        { "sid.codebookSize must be >= 2 (got 1)", Demo with { Sid = Demo.Sid with { CodebookSize = 1 } } },
        { "sid.emaDecay must be in (0, 1) (got 1)", Demo with { Sid = Demo.Sid with { EmaDecay = 1 } } },
        { "policy.preset must be one of tiny, small, qwen3-0.6b, qwen3-1.7b, qwen3-4b, qwen3-8b, qwen3-14b (got 'huge')", Demo with { Policy = new() { Preset = "huge" } } },
        { "policy.preset and policy.backbone exclude each other: give one", Demo with { Policy = new() { Preset = "small", Backbone = "/models/qwen3" } } },
        { "policy.device must be cpu, cuda or cuda:N (got tpu)", Demo with { Policy = new() { Device = "tpu" } } },
        { "policy.dtype must be fp32 or bf16 (got fp16)", Demo with { Policy = new() { Dtype = "fp16" } } },
        { "policy.lora.rank must be > 0 (got 0)", Demo with { Policy = new() { Lora = new LoraOptions { Rank = 0 } } } },
        { "policy.lora.targetModules must be among q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj (got q)", Demo with { Policy = new() { Lora = new LoraOptions { TargetModules = ["q"] } } } },
        { "tasks.maxContextTokens must be >= 16 (got 8)", Demo with { Tasks = Demo.Tasks with { MaxContextTokens = 8 } } },
        { "alignmentSft.batchSize must be >= 1 (got 0)", Demo with { AlignmentSft = Demo.AlignmentSft with { BatchSize = 0 } } },
        { "warmupSft.learningRate must be > 0 (got 0)", Demo with { WarmupSft = Demo.WarmupSft with { LearningRate = 0 } } },
        { "warmupSft.steps must be >= 1 (got 0)", Demo with { WarmupSft = Demo.WarmupSft with { Steps = 0 } } },
        { "grpo.clipLow must be in [0, 1) (got 1.5)", Demo with { Grpo = Demo.Grpo with { Update = Demo.Grpo.Update with { ClipLow = 1.5 } } } },
        { "grpo.temperature must be a finite number > 0 (got 0)", Demo with { Grpo = Demo.Grpo with { Update = Demo.Grpo.Update with { Temperature = 0 } } } },
        { "grpo.groupSize must be >= 2 (a group-normalised advantage needs two completions) (got 1)", Demo with { Grpo = Demo.Grpo with { GroupSize = 1 } } },
        { "grpo.leaseTimeoutMs must be >= 1 (got 0)", Demo with { Grpo = Demo.Grpo with { LeaseTimeoutMs = 0 } } },
        { "grpo.learningRate must be > 0 (got -1)", Demo with { Grpo = Demo.Grpo with { LearningRate = -1 } } },
        { "reward.gamma must be >= 0 (got -1)", Demo with { Reward = Demo.Reward with { Scoring = Demo.Reward.Scoring with { Gamma = -1 } } } },
        { "reward.swing.topN must be >= 1 (got 0)", Demo with { Reward = Demo.Reward with { Swing = Demo.Reward.Swing with { TopN = 0 } } } },
        { "reward.weighting.upWeight must be >= 1 (got 0.5)", Demo with { Reward = Demo.Reward with { Weighting = Demo.Reward.Weighting with { UpWeight = 0.5 } } } },
        { "reward.swingNeighbours (20) must be <= reward.swing.topN (10), the neighbours Swing keeps per item", Demo with { Reward = Demo.Reward with { Scoring = Demo.Reward.Scoring with { SwingNeighbours = 20 } } } },
        { "curriculum.stages must hold at least one stage", Demo with { Curriculum = new() { Stages = [] } } },
        { "curriculum.stages[1].beta must be >= 0 (got -0.1)", Demo with { Curriculum = new() { Stages = [.. CurriculumOptions.DefaultStages(64).Select(s => s.Index == 1 ? s with { Beta = -0.1 } : s)] } } },
        { "evaluation.k must be >= 1 (got 0)", Demo with { Evaluation = new(K: 0) } },
        { "logging.seqUrl must be an absolute http(s) URL (got 'ftp://logs')", Demo with { Logging = new(SeqUrl: "ftp://logs") } },
        { "logging.seqApiKey must not be in a config file: set CONREC_SEQ_API_KEY or CONREC_SEQ_API_KEY_FILE", Demo with { Logging = new(SeqApiKey: "k") } },
        { "retention.keepLast must be >= 1 (got 0)", Demo with { Retention = new() { KeepLast = 0 } } },
        { "dataPlane.mode must be sharedDirectory or http (got 7)", Demo with { DataPlane = new() { Mode = (DataPlaneMode)7 } } },
        { "dataPlane.port must be in [0, 65535] (got 70000)", Demo with { DataPlane = new() { Mode = DataPlaneMode.Http, Port = 70_000 } } },
        { "dataPlane.bindHost must be an IP address, \"*\" or \"localhost\" (got 'node-a'); put a host name in dataPlane.advertisedHost", Demo with { DataPlane = new() { BindHost = "node-a" } } },
        { "dataPlane.advertisedHost 'node a' is not a host name or an IP address", Demo with { DataPlane = new() { AdvertisedHost = "node a" } } },
        { "dataPlane.cacheFolder must name a local folder, or be null for a cache in the run folder", Demo with { DataPlane = new() { CacheFolder = " " } } },
        { "cluster.port must be in [0, 65535] (got 70000)", Demo with { Cluster = new() { Port = 70_000 } } },
        { "cluster.rolloutWorkers must be >= 0 (got -1)", Demo with { Cluster = new() { RolloutWorkers = -1 } } },
        { "cluster.rewardWorkers must be >= 0 (got -1)", Demo with { Cluster = new() { RewardWorkers = -1 } } },
        { "cluster.hostname must be set", Demo with { Cluster = new() { Hostname = " " } } },
        { "store.location is not a store location (got 'somewhere'): give sqlite:PATH, a path ending .db, postgres://user@host:port/db or a connection string such as Host=db;Username=conrec;Database=conrec", Demo with { Store = new() { Location = "somewhere" } } },
    };

    [Theory]
    [MemberData(nameof(InvalidConfigs))]
    public void An_invalid_setting_is_refused_with_its_name(string message, RunConfig config)
    {
        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("grpo.groupsPerStep x grpo.anchorsPerGroup = 32 samples per step must be <= curriculum.stages[0].sampleBudget (16)", 16, "small", 3)]
    [InlineData("tasks.maxContextTokens (256) + an answer of sid.levels + 2 tokens = 261 must fit the 128 positions of policy.preset tiny", 512, "tiny", 3)]
    [InlineData("curriculum.stages[0].recentDays (3) must equal tasks.recentDays (5): both say how far back a recent-negatives prompt looks", 512, "small", 5)]
    public void Settings_that_disagree_across_sections_are_refused(string message, int budget, string preset, double recentDays)
    {
        var config = Demo with
        {
            Curriculum = new CurriculumOptions().WithSampleBudget(budget),
            Policy = new() { Preset = preset },
            Tasks = Demo.Tasks with { RecentDays = recentDays },
        };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_retention_metric_cut_at_another_k_than_the_evaluation_is_refused()
    {
        var config = Demo with { Retention = Demo.Retention with { MetricName = "FHR@10" } };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.Equal("retention.metricName 'FHR@10' is cut at a K other than evaluation.k (20)", error.Message);
    }

    [Theory]
    [InlineData("postgres://conrec:s3cret-pw@db:5432/conrec")]
    [InlineData("postgresql://conrec@db/conrec?sslmode=require&password=s3cret-pw")]
    [InlineData("Host=db;Username=conrec;Password=s3cret-pw;Database=conrec")]
    public void A_postgres_location_with_an_inline_password_is_refused_without_echoing_it(string location)
    {
        var config = Demo with { Store = new() { Location = location } };

        var error = Assert.Throws<ArgumentException>(config.Validate);

        Assert.StartsWith("store.location must not hold a password", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONREC_STORE_PASSWORD or CONREC_STORE_PASSWORD_FILE", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://conrec@db:5432/conrec")]
    [InlineData("Host=db;Username=conrec;Database=conrec")]
    [InlineData("sqlite:runs/demo/store.db")]
    [InlineData(null)]
    public void A_store_location_without_a_password_is_accepted(string? location)
    {
        var config = Demo with { Store = new() { Location = location } };

        config.Validate();

        Assert.Equal(location, config.Store.Location);
    }

    [Fact]
    public void A_file_with_an_inline_store_password_is_refused_at_its_line()
    {
        using var temp = new TempFolder();
        var path = temp.Write("run.yaml", "data: { synthetic: {} }\nstore:\n  location: postgres://conrec:hunter2@db/conrec\n");

        var error = Assert.Throws<Core.Data.DataFileException>(() => RunConfigFile.Load(path));

        Assert.StartsWith("store.location must not hold a password", error.Problem, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_validates_and_takes_48_grpo_steps()
    {
        var demo = RunConfig.Demo();

        demo.Validate();

        Assert.NotNull(demo.Data.Synthetic);
        Assert.Null(demo.Store.Location);
        Assert.Equal("small", demo.Policy.EffectivePreset);
        Assert.Equal(3, demo.Curriculum.Stages.Count);
        Assert.All(demo.Curriculum.Stages, s => Assert.Equal(RunConfig.DemoStageBudget, s.SampleBudget));
        Assert.Equal(48, demo.Grpo.TotalSteps(demo.Curriculum));
        Assert.Equal(20, demo.Evaluation.K);
    }

    [Fact]
    public void The_coordinator_plan_takes_the_loop_shape_from_the_grpo_section()
    {
        var demo = RunConfig.Demo() with { Seed = 9 };

        var plan = demo.ToCoordinatorPlan();

        plan.Validate();
        Assert.Equal("demo", plan.RunId);
        Assert.Equal(9, plan.Seed);
        Assert.Equal(32, plan.SamplesPerStep);
        Assert.Equal(8, plan.CheckpointEvery);
        Assert.Equal(48, plan.Schedule.TotalSteps);
        Assert.Equal(demo.Grpo.LearningRate, plan.Schedule.PeakLearningRate);
        Assert.Same(demo.Curriculum, plan.Curriculum);
    }

    [Fact]
    public void The_grpo_section_defaults_are_the_coordinator_plans()
    {
        var plan = new CoordinatorPlan("run", new CurriculumOptions(), new LearningRateSchedule(1e-4, 0, 1));
        var grpo = new GrpoSection();

        Assert.Equal((plan.GroupsPerStep, plan.AnchorsPerGroup, plan.GroupSize, plan.Temperature, plan.LeaseTimeoutMs, plan.CheckpointEvery),
            (grpo.GroupsPerStep, grpo.AnchorsPerGroup, grpo.GroupSize, grpo.Update.Temperature, grpo.LeaseTimeoutMs, grpo.CheckpointEvery));
    }

    [Fact]
    public void A_backbone_policy_has_no_preset()
    {
        var config = Demo with { Policy = new() { Backbone = "/models/qwen3-0.6b", Dtype = "bf16", Lora = new LoraOptions() } };

        config.Validate();

        Assert.Null(config.Policy.EffectivePreset);
        Assert.Null(config.Policy.PresetConfig());
    }
}
