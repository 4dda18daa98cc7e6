using System.Globalization;
using CoNRec.Cluster.Configuration;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;

namespace CoNRec.Cli.Commands.Bench;

/// <summary>
/// <c>conrec bench multiprocess</c>: the same run trained in one process and with its GRPO work in joined
/// <c>conrec node</c> processes, <see cref="Rounds"/> times in alternating order.
/// </summary>
public sealed record MultiProcessBenchOptions
{
    /// <summary>GRPO steps in each of the built-in config's three stages.</summary>
    public int StepsPerStage { get; init; } = 20;

    public int Rounds { get; init; } = 3;

    /// <summary>1: one node with the rollout and reward roles; 2: one node per role.</summary>
    public int Nodes { get; init; } = 1;

    /// <summary>A run config to train instead of the built-in one (its store must be the embedded one).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Torch threads of every multi-process child; the single process gets as many as they have together.</summary>
    public const int ThreadsPerProcess = 1;

    public int SingleProcessThreads => ThreadsPerProcess * (1 + Nodes);

    /// <exception cref="BadInputException">A flag is out of range (names the flag).</exception>
    public MultiProcessBenchOptions Validate()
    {
        if (StepsPerStage < 2) throw Bad($"--steps-per-stage must be >= 2 (got {StepsPerStage})");
        if (Rounds < 1) throw Bad($"--rounds must be >= 1 (got {Rounds})");
        if (Nodes is < 1 or > 2) throw Bad($"--nodes must be 1 (rollout and reward in one node) or 2 (one node per role) (got {Nodes})");
        if (ConfigFile is not null && !File.Exists(ConfigFile)) throw new BadInputException($"--config: {ConfigFile} does not exist");
        return this;
    }

    /// <summary>The config both setups train: the file's, or the built-in one.</summary>
    /// <exception cref="BadInputException">The file's store is not the embedded one the bench reads back.</exception>
    public RunConfig Config()
    {
        if (ConfigFile is null) return BuiltIn(StepsPerStage);
        var config = RunConfigFile.Load(ConfigFile);
        if (config.Store.Location is not null)
            throw new BadInputException($"--config: {ConfigFile} sets store.location; the bench needs each run's embedded store (remove the setting)");
        return config;
    }

    /// <summary>
    /// A small world, tiny RQ-VAE and policy and a few SFT steps (the pipeline before GRPO takes seconds), then three
    /// GRPO stages of <paramref name="stepsPerStage"/> steps of 4 groups x 8 anchors x 8 completions: real rollout work in every step.
    /// </summary>
    public static RunConfig BuiltIn(int stepsPerStage)
    {
        var grpo = new GrpoSection { GroupsPerStep = 4, AnchorsPerGroup = 8, GroupSize = 8, WarmupSteps = 0, CheckpointEvery = 4 };
        var budget = stepsPerStage * grpo.SamplesPerStep;
        return new RunConfig
        {
            Name = "bench-multiprocess",
            Seed = 11,
            Data = new DataSection { Synthetic = new SyntheticWorldOptions { Users = 300, Items = 200, Days = 30, TextFeatureDim = 16, ImageFeatureDim = 8 } },
            Sid = new RqVaeOptions { CodebookSize = 16, LatentDim = 8, HiddenDims = [32], Epochs = 10, BatchSize = 64 },
            Policy = new PolicySection { Preset = "tiny" },
            Tasks = new TaskOptions { MaxContextTokens = 48, ExamplesPerUser = 2 },
            AlignmentSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 3 },
            WarmupSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 3 },
            Grpo = grpo,
            Curriculum = new CurriculumOptions
            {
                Stages =
                [
                    new CurriculumStage(0, "grpo-recent", StageContext.RecentNegatives, budget, 0.04),
                    new CurriculumStage(1, "grpo-negatives", StageContext.Negatives, budget, 0.02),
                    new CurriculumStage(2, "grpo-late", StageContext.Negatives, budget, 0.01),
                ],
            },
        };
    }

    static BadInputException Bad(FormattableString message) => new(message.ToString(CultureInfo.InvariantCulture));
}
