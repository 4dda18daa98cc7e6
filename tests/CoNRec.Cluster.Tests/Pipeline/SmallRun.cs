using CoNRec.Cluster.Configuration;
using CoNRec.Cluster.Hosting;
using CoNRec.Cluster.Pipeline;
using CoNRec.Core.Curriculum;
using CoNRec.Core.Synthetic;
using CoNRec.Model.Sid;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;

namespace CoNRec.Cluster.Tests.Pipeline;

/// <summary>
/// A whole training run on a small config (300 users, 200 items, 30 days; a tiny RQ-VAE and policy; a few SFT steps;
/// two GRPO stages of one step each), trained once into a temporary run folder, deleted with the fixture.
/// </summary>
public sealed class SmallRun : IDisposable
{
    public static RunConfig Config() => new()
    {
        Name = "small",
        Data = new DataSection { Synthetic = new SyntheticWorldOptions { Users = 300, Items = 200, Days = 30, TextFeatureDim = 16, ImageFeatureDim = 8 } },
        Sid = new RqVaeOptions { CodebookSize = 16, LatentDim = 8, HiddenDims = [32], Epochs = 10, BatchSize = 64 },
        Policy = new PolicySection { Preset = "tiny" },
        Tasks = new TaskOptions { MaxContextTokens = 48, ExamplesPerUser = 2 },
        AlignmentSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 2, LogEvery = 1 },
        WarmupSft = new SftOptions { Steps = 3, BatchSize = 8, WarmupSteps = 1, CheckpointEvery = 2, LogEvery = 1 },
        Grpo = new GrpoSection { GroupsPerStep = 1, AnchorsPerGroup = 2, GroupSize = 2, WarmupSteps = 0, CheckpointEvery = 1, LeaseTimeoutMs = 30_000 },
        Curriculum = new CurriculumOptions
        {
            Stages = [new CurriculumStage(0, "grpo-recent", StageContext.RecentNegatives, 2, 0.04), new CurriculumStage(1, "grpo-negatives", StageContext.Negatives, 2, 0.02)],
        },
    };

    public static ClusterNodeOptions Node { get; } = ClusterNodeOptions.SingleProcess with { HoconProfiles = ["testing"] };

    public SmallRun()
    {
        Folder = Path.Combine(Path.GetTempPath(), "conrec-pipeline-" + Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Output = new StringWriter();
        First = new TrainingPipeline(Config(), RunFolder, Serilog.Core.Logger.None, Output, Node, progress: Progress).RunAsync(timeout.Token)
            .GetAwaiter().GetResult();
    }

    public string Folder { get; }

    public string RunFolder => Path.Combine(Folder, "run");

    public StringWriter Output { get; }

    /// <summary>What the first run reported of its progress.</summary>
    public ProgressRecorder Progress { get; } = new();

    public PipelineResult First { get; }

    public void Dispose()
    {
        Output.Dispose();
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
