using CoNRec.Model.Lora;
using CoNRec.Model.Training;
using TorchSharp;

namespace CoNRec.Model.Tests.Training;

public sealed class SftTrainerTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-sft-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loss_falls_well_below_its_start_on_a_learnable_task()
    {
        using var model = SftWorld.Model();
        using var trainer = SftWorld.Trainer(model, SftWorld.Options with { Steps = 60, WarmupSteps = 5 });
        var recorder = new StepRecorder();

        var result = trainer.Run(recorder);

        var start = recorder.Steps[0].Loss;
        Assert.Equal(60, recorder.Steps.Count);
        Assert.True(start > 2.5, $"an untrained model should be near ln(64) = 4.16, got {start}");
        Assert.True(result.FinalLoss < 0.25 * start, $"loss went from {start} to only {result.FinalLoss}");
        // Two answer tokens (the answer and <eos>) per example, 8 examples per batch.
        Assert.All(recorder.Steps, s => Assert.Equal(16, s.AnswerTokens));
    }

    [Fact]
    public void Two_runs_with_the_same_seed_end_with_bit_identical_weights()
    {
        using var first = SftWorld.Model();
        using var second = SftWorld.Model();
        using (var trainer = SftWorld.Trainer(first, SftWorld.Options)) trainer.Run();
        using (var trainer = SftWorld.Trainer(second, SftWorld.Options)) trainer.Run();

        SftWorld.AssertBitIdentical(SftWorld.Weights(first), SftWorld.Weights(second));
    }

    // Bitwise, because every input of step s is restored exactly: the weights and AdamW's moments are fp32 bytes in
    // safetensors, the AdamW step count (bias corrections) is in trainer_state.json, the rate is a pure function of
    // (options, s), step s's batch of (seed, s), torch's RNG is reseeded from (seed, s), and the fresh model's
    // untrained init is overwritten by the checkpoint. One process and thread count, so CPU kernels reduce alike.
    [Fact]
    public void An_interrupted_run_resumes_from_its_last_checkpoint_and_ends_bit_identical_to_an_uninterrupted_run()
    {
        var options = SftWorld.Options with { Steps = 12, CheckpointEvery = 5 };
        using var uninterrupted = SftWorld.Model();
        using (var trainer = SftWorld.Trainer(uninterrupted, options)) trainer.Run();

        // Killed during step 8: steps 6 and 7 are lost, the checkpoint of step 5 survives.
        using var cancel = new CancellationTokenSource();
        using (var model = SftWorld.Model())
        using (var trainer = SftWorld.Trainer(model, options, _dir))
            Assert.Throws<OperationCanceledException>(() => trainer.Run(new StepRecorder(s => { if (s.Step == 7) cancel.Cancel(); }), cancel.Token));
        using var resumed = SftWorld.Model();
        using var resumedTrainer = SftWorld.Trainer(resumed, options, _dir);

        var result = resumedTrainer.Run();

        Assert.Equal(6, result.FirstStep);
        Assert.Equal(12, result.LastStep);
        SftWorld.AssertBitIdentical(SftWorld.Weights(uninterrupted), SftWorld.Weights(resumed));
    }

    // A run stopped by Steps = k, then given Steps = n, matches an n-step run only when the rate does not depend on
    // Steps (the cosine's length is Steps): here a constant rate, no warm-up.
    [Fact]
    public void A_run_of_k_steps_extended_to_n_ends_bit_identical_to_an_n_step_run_at_a_constant_rate()
    {
        var options = SftWorld.Options with { Steps = 10, WarmupSteps = 0, MinLearningRateRatio = 1, CheckpointEvery = 4 };
        using var straight = SftWorld.Model();
        using (var trainer = SftWorld.Trainer(straight, options)) trainer.Run();

        using (var model = SftWorld.Model())
        using (var trainer = SftWorld.Trainer(model, options with { Steps = 6 }, _dir))
            trainer.Run();
        using var extended = SftWorld.Model();
        using var extendedTrainer = SftWorld.Trainer(extended, options, _dir);

        var result = extendedTrainer.Run();

        Assert.Equal(7, result.FirstStep);
        SftWorld.AssertBitIdentical(SftWorld.Weights(straight), SftWorld.Weights(extended));
    }

    [Fact]
    public void Training_only_the_adapters_changes_only_adapter_weights()
    {
        using var model = SftWorld.Model();
        var lora = LoraModel.Inject(model, new LoraOptions { Rank = 4, Alpha = 8, Dropout = 0.1, Seed = 2 });
        var adapters = model.named_parameters().Where(p => p.name.Contains(".lora_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(lora.AdapterParameters().Count, adapters.Length);
        var before = SftWorld.Weights(model);
        using var trainer = SftWorld.Trainer(model, SftWorld.Options with { Steps = 4 }, trainable: adapters);

        trainer.Run();

        var after = SftWorld.Weights(model);
        foreach (var (name, values) in before)
        {
            var changed = !values.AsSpan().SequenceEqual(after[name]);
            Assert.True(changed == name.Contains(".lora_", StringComparison.Ordinal), $"'{name}' changed: {changed}");
        }
    }

    [Fact]
    public void The_live_tensor_count_does_not_grow_over_twenty_steps_after_a_warm_up_step()
    {
        using var model = SftWorld.Model();
        var live = new List<long>();
        var recorder = new StepRecorder(_ => live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        // Checkpoints on the way, so that saving is inside the measurement too.
        using var trainer = SftWorld.Trainer(model, SftWorld.Options with { Steps = 21, CheckpointEvery = 5 }, _dir);

        trainer.Run(recorder);

        Assert.Equal(21, live.Count);
        Assert.All(live.Skip(1), count => Assert.Equal(live[0], count));
    }
}
