using CoNRec.Cluster.Pipeline;
using CoNRec.Cluster.Pipeline.Ablation;
using CoNRec.Core.Runs;
using CoNRec.Storage;

namespace CoNRec.Cluster.Tests.Pipeline.Ablation;

public sealed class AblationStudyTests(SmallRun small) : IClassFixture<SmallRun>
{
    [Fact]
    public async Task A_small_study_evaluates_every_row_records_each_and_resumes_without_training_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var output = new StringWriter();

        var progress = new ProgressRecorder();
        var first = await new AblationStudy(SmallRun.Config(), small.RunFolder, Serilog.Core.Logger.None, output, SmallRun.Node, progress: progress)
            .RunAsync(timeout.Token);
        var grpoFolders = AblationRow.All.Where(r => r.Source == AblationSource.Grpo).Select(r => Path.Combine(small.RunFolder, "ablation", r.Name, "model"));
        var written = grpoFolders.Select(f => Directory.GetLastWriteTimeUtc(f)).ToArray();
        var again = await new AblationStudy(SmallRun.Config(), small.RunFolder, Serilog.Core.Logger.None, node: SmallRun.Node).RunAsync(timeout.Token);

        Assert.Equal(AblationRow.All.Select(r => r.Name), first.Rows.Select(r => r.Row));
        Assert.All(first.Rows, r => Assert.NotNull(r["FHR@20"]));
        Assert.All(first.Rows, r => Assert.NotNull(r["HR@20"]));
        Assert.NotNull(first.AlignmentBefore);
        Assert.Equal(5, first.Claims.Count);
        Assert.Contains("+ future-positive penalty (CoNRec)", output.ToString());
        Assert.Contains("Forgetting", output.ToString());
        await using var store = await RunStore.OpenAsync(StoreLocation.DefaultFor(small.RunFolder));
        var stages = await store.GetStagesAsync(first.Study);
        Assert.Equal(AblationRow.All.Select(r => r.Name), stages.Select(s => s.Name));
        Assert.All(stages, s => Assert.Equal(StageStatus.Completed, s.Status));
        Assert.Equal(RunStatus.Completed, (await store.GetRunAsync(first.Study))!.Status);
        var plain = AblationManifest.ReadOrCreate(Path.Combine(small.RunFolder, "ablation", "ablation.json"), TimeProvider.System).GrpoRunOf(AblationRow.PlainGrpoHit);
        Assert.Equal(["negatives"], (await store.GetStagesAsync(plain)).Select(s => s.Name));
        Assert.Equal(first.Study, again.Study);
        Assert.Equal(first.Table, again.Table);
        Assert.Equal(written, grpoFolders.Select(f => Directory.GetLastWriteTimeUtc(f)));
        Assert.All(PipelineStages.All, stage => Assert.Equal(StageState.Skipped, progress.Of(stage).Single().State));
        Assert.All(AblationRow.All, row =>
        {
            var reports = progress.Of(row.Name);
            Assert.Equal(StageState.Completed, reports[^1].State);
            Assert.StartsWith("FHR@20 ", reports[^1].Detail, StringComparison.Ordinal);
            Assert.Equal(reports.Select(r => r.Fraction).Order(), reports.Select(r => r.Fraction));
        });
        Assert.Contains(progress.Of(AblationRow.PlainGrpoHit), r => r.Detail.StartsWith("step 2/2, negatives (1/1)", StringComparison.Ordinal));
        Assert.Contains(progress.Of(AblationRow.SftNegativesAndPositives), r => r.Detail.StartsWith("SFT step 3/3", StringComparison.Ordinal));
    }
}
