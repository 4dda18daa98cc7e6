using CoNRec.Model.Lora;
using CoNRec.Model.Training;

namespace CoNRec.Model.Tests.Training;

public sealed class TrainingCheckpointTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-sft-ckpt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    void Train(SftOptions options, string? fingerprint = null)
    {
        using var model = SftWorld.Model();
        using var trainer = SftWorld.Trainer(model, options, _dir, fingerprint: fingerprint);
        trainer.Run();
    }

    [Fact]
    public void Only_the_newest_checkpoints_are_kept()
    {
        Train(SftWorld.Options with { Steps = 10, CheckpointEvery = 2, KeepCheckpoints = 2 });

        var kept = TrainingCheckpoint.List(_dir).Select(Path.GetFileName);

        Assert.Equal(["step-000008", "step-000010"], kept);
        Assert.Empty(Directory.GetDirectories(_dir, ".*"));
    }

    [Fact]
    public void A_checkpoint_holds_the_trainable_weights_the_optimizer_state_and_the_trainer_state()
    {
        Train(SftWorld.Options with { Steps = 3 });

        var folder = Assert.Single(TrainingCheckpoint.List(_dir));

        Assert.Equal("step-000003", Path.GetFileName(folder));
        foreach (var file in new[] { TrainingCheckpoint.TrainableFile, TrainingCheckpoint.OptimizerFile, TrainingCheckpoint.StateFile })
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        var state = File.ReadAllText(Path.Combine(folder, TrainingCheckpoint.StateFile));
        Assert.Contains("\"vocabulary_fingerprint\": \"" + SftWorld.Fingerprint + "\"", state, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_past_six_digits_still_order_by_step()
    {
        Directory.CreateDirectory(TrainingCheckpoint.FolderFor(_dir, 999_999));
        Directory.CreateDirectory(TrainingCheckpoint.FolderFor(_dir, 1_000_000));

        var folders = TrainingCheckpoint.List(_dir).Select(Path.GetFileName);

        Assert.Equal(["step-999999", "step-1000000"], folders);
    }

    [Fact]
    public void A_checkpoint_of_another_vocabulary_is_refused()
    {
        Train(SftWorld.Options with { Steps = 2 }, SftWorld.OtherFingerprint);

        var error = Assert.Throws<InvalidDataException>(() => Train(SftWorld.Options with { Steps = 4 }));

        Assert.Contains("another vocabulary", error.Message, StringComparison.Ordinal);
        Assert.Contains("step-000002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_with_a_tampered_file_is_refused()
    {
        Train(SftWorld.Options with { Steps = 2 });
        var weights = Path.Combine(TrainingCheckpoint.FolderFor(_dir, 2), TrainingCheckpoint.TrainableFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(weights, bytes);

        var error = Assert.Throws<InvalidDataException>(() => Train(SftWorld.Options with { Steps = 4 }));

        Assert.Contains("sha256", error.Message, StringComparison.Ordinal);
        Assert.Contains(TrainingCheckpoint.TrainableFile, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_other_parameters_is_refused_by_name()
    {
        Train(SftWorld.Options with { Steps = 2 });
        using var model = SftWorld.Model();
        _ = LoraModel.Inject(model, new LoraOptions { Rank = 2, Alpha = 4, Seed = 1 });
        var adapters = model.named_parameters().Where(p => p.name.Contains(".lora_", StringComparison.Ordinal));
        using var trainer = SftWorld.Trainer(model, SftWorld.Options with { Steps = 4 }, _dir, adapters);

        var error = Assert.Throws<InvalidDataException>(() => trainer.Run());

        Assert.Contains("lora_", error.Message, StringComparison.Ordinal);
    }
}
