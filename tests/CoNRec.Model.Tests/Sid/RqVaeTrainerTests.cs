using CoNRec.Model.Sid;

namespace CoNRec.Model.Tests.Sid;

/// <summary>One tiny training run shared by the tests that only read its result.</summary>
public sealed class TrainedTinySid : IDisposable
{
    public TrainedTinySid()
    {
        Data = TinySid.Data();
        Result = RqVaeTrainer.Train(Data.Features, Data.Dim, TinySid.Options);
        Codes = Result.Model.Codes(Data.Features, Data.Dim);
    }

    public ClusteredFeatures Data { get; }
    public RqVaeTrainingResult Result { get; }
    public int[,] Codes { get; }

    public void Dispose() => Result.Model.Dispose();
}

public sealed class RqVaeTrainerTests(TrainedTinySid trained) : IClassFixture<TrainedTinySid>
{
    [Fact]
    public void Training_lowers_the_loss()
    {
        var epochs = trained.Result.Epochs;

        Assert.Equal(TinySid.Options.Epochs, epochs.Count);
        Assert.True(epochs[^1].Loss < 0.7 * epochs[0].Loss, $"loss {epochs[0].Loss} -> {epochs[^1].Loss}");
        Assert.True(epochs[^1].ReconstructionLoss < epochs[0].ReconstructionLoss);
    }

    [Fact]
    public void Codes_are_within_the_codebook()
    {
        var codes = trained.Codes;

        Assert.Equal(200, codes.GetLength(0));
        Assert.Equal(3, codes.GetLength(1));
        foreach (var code in codes) Assert.InRange(code, 0, 15);
    }

    [Fact]
    public void The_collision_suffix_makes_every_full_sid_unique()
    {
        var table = new SidTable(trained.Codes, 16);

        var sids = Enumerable.Range(0, table.Count).Select(table.Format).ToHashSet();

        Assert.Equal(table.Count, sids.Count);
        Assert.All(Enumerable.Range(0, table.Count), i => Assert.InRange(table.Suffix(i), 0, table.SuffixSize - 1));
    }

    [Fact]
    public void Same_category_items_share_first_level_codes_more_than_random_items()
    {
        var report = new SidTable(trained.Codes, 16).Report(trained.Data.Category);

        Assert.NotNull(report.CategoryCoherence);
        Assert.True(report.CategoryCoherence > 1.5, report.Format());
    }

    [Fact]
    public void The_same_seed_gives_the_same_codes()
    {
        var data = trained.Data;
        using var again = RqVaeTrainer.Train(data.Features, data.Dim, TinySid.Options).Model;

        Assert.Equal(trained.Codes, again.Codes(data.Features, data.Dim));
    }

    [Fact]
    public void Ema_codebooks_train_too()
    {
        var data = trained.Data;
        var result = RqVaeTrainer.Train(data.Features, data.Dim, TinySid.Options with { Ema = true });
        using var model = result.Model;

        Assert.True(result.Epochs[^1].Loss < 0.7 * result.Epochs[0].Loss, $"loss {result.Epochs[0].Loss} -> {result.Epochs[^1].Loss}");
        Assert.Contains("rq.ema_counts_0", model.state_dict().Keys);
        var table = new SidTable(model.Codes(data.Features, data.Dim), 16);
        Assert.True(table.Report().PerLevel.All(level => level.CodesUsed > 4), table.Report().Format());
    }

    [Fact]
    public void A_nan_feature_is_refused_with_its_item_and_dimension()
    {
        var features = (float[])trained.Data.Features.Clone();
        features[16 * 3 + 5] = float.NaN;

        var error = Assert.Throws<ArgumentException>(() => RqVaeTrainer.Train(features, 16, TinySid.Options));

        Assert.Contains("item 3 dimension 5 is NaN", error.Message);
    }

    [Fact]
    public void An_infinite_feature_is_refused()
    {
        var features = (float[])trained.Data.Features.Clone();
        features[0] = float.PositiveInfinity;

        var error = Assert.Throws<ArgumentException>(() => RqVaeTrainer.Train(features, 16, TinySid.Options));

        Assert.Contains("item 0 dimension 0 is Infinity", error.Message);
    }

    [Fact]
    public void Features_that_do_not_fill_whole_rows_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => RqVaeTrainer.Train(new float[33], 16, TinySid.Options));

        Assert.Contains("33 floats is not a whole number of rows of dimension 16", error.Message);
    }

    [Fact]
    public void Encoding_features_of_another_dimension_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => trained.Result.Model.Codes(new float[30], 15));

        Assert.Contains("dimension 15 does not match the model's input dimension 16", error.Message);
    }

    [Fact]
    public void Progress_reaches_one_and_cancellation_stops_training()
    {
        var data = trained.Data;
        var reports = new List<double>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => RqVaeTrainer.Train(data.Features, data.Dim, TinySid.Options, cancellationToken: cancelled.Token));
        using var model = RqVaeTrainer.Train(data.Features, data.Dim, TinySid.Options with { Epochs = 2 }, new SynchronousProgress(reports.Add)).Model;

        Assert.Equal([0.5, 1.0], reports);
    }

    sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}

public sealed class RqVaeTrainerLeakTests
{
    [Fact]
    public void Training_and_encoding_leave_no_live_tensors_behind()
    {
        var data = TinySid.Data();
        var statistics = TorchSharp.DisposeScopeManager.Statistics;

        var shortRun = LiveAfter(TinySid.Options with { Epochs = 2 });
        var longRun = LiveAfter(TinySid.Options with { Epochs = 8, Ema = true });

        Assert.Equal(0, shortRun);
        Assert.Equal(0, longRun);

        long LiveAfter(RqVaeOptions options)
        {
            var before = statistics.ThreadTotalLiveCount;
            using (var model = RqVaeTrainer.Train(data.Features, data.Dim, options).Model)
                model.Codes(data.Features, data.Dim);
            return statistics.ThreadTotalLiveCount - before;
        }
    }
}
