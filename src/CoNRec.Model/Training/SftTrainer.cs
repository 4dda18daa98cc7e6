using CoNRec.Core.Randomness;
using System.Diagnostics;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>One optimizer step's numbers.</summary>
public sealed record SftStep(long Step, double Loss, double LearningRate, double GradNorm, long AnswerTokens, long Tokens, double Seconds);

public sealed record SftResult(long FirstStep, long LastStep, double FinalLoss, long Tokens, double Seconds)
{
    public double TokensPerSecond => Seconds > 0 ? Tokens / Seconds : 0;
}

/// <summary>
/// Supervised fine-tuning: shuffled padded batches, token-mean cross-entropy on answer tokens, AdamW with
/// warm-up + cosine, global-norm clipping, a dispose scope per step. Deterministic for a seed: step s always
/// sees the same batch (epoch e's batches are drawn from a permutation seeded by (seed, e)) and the same dropout (torch is
/// reseeded per step), so a run resumed from a checkpoint continues exactly as an uninterrupted one.
/// </summary>
public sealed class SftTrainer : IDisposable
{
    readonly PolicyModel _model;
    readonly IReadOnlyList<TrainingExample> _examples;
    readonly int _padId;
    readonly string _vocabularyFingerprint;
    readonly SftOptions _options;
    readonly string? _checkpointRoot;
    readonly AdamW _optimizer;
    const int EpochStream = 11;
    const int PoolBatches = 32;
    readonly Dictionary<int, int[][]> _epochBatches = [];

    /// <param name="trainable">The parameters to update, by name: the whole model, or only LoRA adapters.</param>
    /// <param name="checkpointRoot">Folder of step checkpoints; an existing one is resumed. Null: no checkpoints.</param>
    public SftTrainer(PolicyModel model, IEnumerable<(string Name, Parameter Parameter)> trainable, IReadOnlyList<TrainingExample> examples,
        int padId, string vocabularyFingerprint, SftOptions options, string? checkpointRoot)
    {
        options.Validate();
        if (examples.Count == 0) throw new ArgumentException("SFT needs at least one training example", nameof(examples));
        _model = model;
        _examples = examples;
        _padId = padId;
        _vocabularyFingerprint = vocabularyFingerprint;
        _options = options;
        _checkpointRoot = checkpointRoot;
        _optimizer = new AdamW(trainable, weightDecay: options.WeightDecay);
    }

    public SftResult Run(IProgress<SftStep>? progress = null, CancellationToken ct = default)
    {
        var resumed = _checkpointRoot is null ? null : TrainingCheckpoint.RestoreLatest(_checkpointRoot, _optimizer, _vocabularyFingerprint);
        if (resumed is not null && resumed.Seed != _options.Seed)
            throw new InvalidDataException($"{_checkpointRoot}: the checkpoints were written with seed {resumed.Seed}, this run has seed {_options.Seed}; resume with the same seed or use another folder");
        var first = (resumed?.Step ?? 0) + 1;
        var schedule = _options.Schedule;
        var clock = Stopwatch.StartNew();
        long tokens = 0;
        var lastLoss = resumed?.LastLoss ?? double.NaN;
        _model.train();
        for (var step = first; step <= _options.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            var stepClock = Stopwatch.StartNew();
            var batch = Batching.Training(BatchFor(step), _padId);
            var lr = schedule.At(step);
            double gradNorm;
            long answerTokens;
            using (var scope = NewDisposeScope())
            {
                random.manual_seed(_options.Seed * 1_000_003L + step);
                _optimizer.ZeroGrad();
                var (loss, answers) = SftObjective.Loss(_model, batch);
                loss.backward();
                gradNorm = _options.GradientClip > 0
                    ? nn.utils.clip_grad_norm_(_optimizer.Parameters.Select(p => p.Parameter), _options.GradientClip)
                    : double.NaN;
                _optimizer.Update(lr);
                lastLoss = loss.item<float>();
                answerTokens = answers;
            }
            tokens += batch.AttentionMask.Count(x => x);
            progress?.Report(new SftStep(step, lastLoss, lr, gradNorm, answerTokens, tokens, stepClock.Elapsed.TotalSeconds));
            var due = step == _options.Steps || (_options.CheckpointEvery > 0 && step % _options.CheckpointEvery == 0);
            if (due && _checkpointRoot is not null)
                TrainingCheckpoint.Save(_checkpointRoot, _optimizer, new TrainerState(step, _options.Seed, lastLoss, _vocabularyFingerprint), _options.KeepCheckpoints);
        }
        _model.eval();
        return new SftResult(first, _options.Steps, lastLoss, tokens, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The examples of a 1-based step. Each epoch shuffles the examples (seeded by (seed, epoch)), cuts the order into
    /// pools of <see cref="PoolBatches"/> batches, sorts each pool by length and cuts it into batches, then shuffles
    /// the batches: batches hold examples of similar length, so little compute goes to padding, while every epoch
    /// still sees every example once in a random order.
    /// </summary>
    IReadOnlyList<TrainingExample> BatchFor(long step)
    {
        var index = step - 1;
        var epoch = 0;
        while (true)
        {
            var batches = BatchesOf(epoch);
            if (index < batches.Length) return [.. batches[index].Select(i => _examples[i])];
            index -= batches.Length;
            epoch++;
        }
    }

    int[][] BatchesOf(int epoch)
    {
        if (_epochBatches.TryGetValue(epoch, out var cached)) return cached;
        _epochBatches.Remove(epoch - 2);
        int[] order = [.. Enumerable.Range(0, _examples.Count)];
        var random = StableSeed.Random(_options.Seed, EpochStream, epoch);
        random.Shuffle(order);
        var size = _options.BatchSize;
        var batches = new List<int[]>();
        foreach (var pool in order.Chunk(size * PoolBatches))
        {
            var byLength = pool.OrderBy(i => _examples[i].Length).ToArray();
            var poolBatches = byLength.Chunk(size).ToArray();
            random.Shuffle(poolBatches);
            batches.AddRange(poolBatches);
        }
        return _epochBatches[epoch] = [.. batches];
    }

    public void Dispose() => _optimizer.Dispose();
}
