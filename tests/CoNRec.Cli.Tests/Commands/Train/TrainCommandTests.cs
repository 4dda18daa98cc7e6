using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;

namespace CoNRec.Cli.Tests.Commands.Train;

public sealed class TrainCommandTests
{
    /// <summary>A whole run in well under a minute: a small world, a tiny RQ-VAE and policy, a few SFT steps, two one-step GRPO stages.</summary>
    internal static RunConfig Small() => new()
    {
        Name = "small",
        Data = new DataSection { Synthetic = new SyntheticWorldOptions { Users = 300, Items = 200, Days = 30, TextFeatureDim = 16, ImageFeatureDim = 8 } },
        Sid = new RqVaeOptions { CodebookSize = 16, LatentDim = 8, HiddenDims = [32], Epochs = 10, BatchSize = 64 },
        Policy = new PolicySection { Preset = "tiny" },
        Tasks = new TaskOptions { MaxContextTokens = 48, ExamplesPerUser = 2 },
        AlignmentSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 2 },
        WarmupSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 2 },
        Grpo = new GrpoSection { GroupsPerStep = 1, AnchorsPerGroup = 2, GroupSize = 2, WarmupSteps = 0, CheckpointEvery = 1 },
        Curriculum = new CurriculumOptions
        {
            Stages = [new CurriculumStage(0, "grpo-recent", StageContext.RecentNegatives, 2, 0.04), new CurriculumStage(1, "grpo-negatives", StageContext.Negatives, 2, 0.02)],
        },
    };

    [Fact]
    public async Task Train_with_a_small_config_runs_every_stage_then_resume_skips_them()
    {
        using var temp = new TempFolder();
        var config = temp.PathOf("small.json");
        RunConfigFile.Save(Small(), config);
        var runDir = temp.PathOf("run");

        var train = await Conrec.RunOkAsync("train", "--config", config, "--run-dir", runDir);
        var runId = TrainingPipeline.Manifest(runDir)!.RunId;
        var resume = await Conrec.RunOkAsync("resume", runId, "--run-dir", runDir);

        Assert.Contains("conrec-grpo", train.Out);
        Assert.Contains("6 stages ran, 0 already completed", train.Out);
        Assert.True(File.Exists(Path.Combine(runDir, RunLayout.EvaluationFile)));
        Assert.Contains("Stage sid completed", train.Error);
        Assert.Matches(@"GRPO share of step time over 2 steps: generation \d+\.\d%, reward \d+\.\d%, update \d+\.\d%", train.Error);
        Assert.Contains("sid: 100% RQ-VAE epoch 10/10 (", train.Error);
        Assert.Contains("grpo: 100% step 2/2, grpo-negatives (2/2), reward/mean ", train.Error);
        Assert.Contains("0 stages ran, 6 already completed", resume.Out);
    }

    [Fact]
    public async Task A_malformed_config_is_bad_input_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        var config = temp.Write("bad.json", "{\n  \"name\": \"x\",\n  \"seed\": \"many\"\n}\n");

        var result = await Conrec.RunAsync("train", "--config", config, "--run-dir", temp.PathOf("run"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var error = Assert.Single(result.ErrorLines);
        Assert.Contains("bad.json:3", error);
        Assert.False(Directory.Exists(temp.PathOf("run")));
    }

    [Fact]
    public async Task Training_a_folder_started_with_other_settings_is_refused_naming_them()
    {
        using var temp = new TempFolder();
        var runDir = temp.PathOf("run");
        Directory.CreateDirectory(runDir);
        RunConfigFile.Save(Small(), Path.Combine(runDir, RunLayout.ConfigFile));
        var config = temp.PathOf("changed.yaml");
        RunConfigFile.Save(Small() with { Seed = 9 }, config);

        var result = await Conrec.RunAsync("train", "--config", config, "--run-dir", runDir);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("changed: seed", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Train_needs_exactly_one_of_config_and_demo()
    {
        var result = await Conrec.RunAsync("train");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--config", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Resume_of_a_folder_without_a_run_is_bad_input()
    {
        using var temp = new TempFolder();

        var result = await Conrec.RunAsync("resume", "run-20260101-abcdef", "--run-dir", temp.Root);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("run.json", Assert.Single(result.ErrorLines));
    }
}
