using CoNRec.Core.Grpo;
using CoNRec.Model.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Grpo;

/// <summary>
/// The learner's inner loop over one sampled batch: mu epochs x minibatches of zero-grad, GRPO loss, backward,
/// global gradient-norm clip, AdamW step, each inside its own dispose scope. Model-agnostic: the caller's closure
/// recomputes the current log-probs of a minibatch's rows (and puts the model in training mode). Minibatches
/// are contiguous, near-equal slices of the rows in their order, so whole groups stay together when the row
/// count is a multiple of MiniBatches x G. A step with a non-finite gradient norm is skipped, as verl does.
/// </summary>
public static class GrpoUpdate
{
    public static GrpoUpdateMetrics Run(AdamW optimizer, MinibatchForward forward, GrpoBatch batch, GrpoOptions options,
        double learningRate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!(learningRate >= 0) || double.IsInfinity(learningRate))
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "the learning rate must be a finite number >= 0");
        if (batch.Rows < options.MiniBatches)
            throw new ArgumentException($"grpo.miniBatches is {options.MiniBatches} but the batch has only {batch.Rows} rows", nameof(batch));

        var parameters = optimizer.Parameters.Select(p => p.Parameter).ToArray();
        var maxNorm = options.GradientClip > 0 ? options.GradientClip : double.PositiveInfinity;
        var sums = new Sums();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            for (var mb = 0; mb < options.MiniBatches; mb++)
            {
                ct.ThrowIfCancellationRequested();
                var rows = RowsOf(mb, options.MiniBatches, batch.Rows);
                using var scope = NewDisposeScope();
                optimizer.ZeroGrad();
                var index = tensor(Array.ConvertAll(rows, r => (long)r), device: batch.Mask.device);   // (b)
                var current = forward(rows);
                var result = GrpoLoss.Compute(current.LogProbs,
                    batch.OldLogProbs.index_select(0, index), batch.RefLogProbs?.index_select(0, index),
                    batch.Advantages.index_select(0, index), batch.Mask.index_select(0, index),
                    batch.SampleWeights?.index_select(0, index), options, current.Entropy);
                result.Loss.backward();
                var norm = ClipAndStep(optimizer, parameters, maxNorm, learningRate);
                sums.Add(result.Loss.item<float>(), result.Metrics, norm);
            }
        }
        return sums.Average();
    }

    /// <summary>
    /// The step after a backward: clips the global gradient norm to <paramref name="gradientClip"/> (0: no clip) and
    /// takes the AdamW step, unless the norm is not finite. Returns the norm before clipping. Data-parallel learners
    /// call it on the summed gradient, so that their step is this one.
    /// </summary>
    public static double ClipAndStep(AdamW optimizer, double gradientClip, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        return ClipAndStep(optimizer, [.. optimizer.Parameters.Select(p => p.Parameter)],
            gradientClip > 0 ? gradientClip : double.PositiveInfinity, learningRate);
    }

    static double ClipAndStep(AdamW optimizer, TorchSharp.Modules.Parameter[] parameters, double maxNorm, double learningRate)
    {
        var norm = nn.utils.clip_grad_norm_(parameters, maxNorm);
        if (double.IsFinite(norm)) optimizer.Update(learningRate);
        return norm;
    }

    /// <summary>Rows [mb * N / M, (mb + 1) * N / M): the rows of minibatch <paramref name="miniBatch"/> of <paramref name="miniBatches"/>.</summary>
    public static int[] RowsOf(int miniBatch, int miniBatches, int rows)
    {
        var start = (int)((long)miniBatch * rows / miniBatches);
        var end = (int)((long)(miniBatch + 1) * rows / miniBatches);
        return [.. Enumerable.Range(start, end - start)];
    }

    sealed class Sums
    {
        int _updates, _skipped, _entropyCount;
        double _loss, _pg, _kl, _clip, _ratio, _entropy, _norm;
        double _ratioMax = double.NegativeInfinity;

        public void Add(double loss, GrpoLossMetrics m, double norm)
        {
            _updates++;
            _loss += loss;
            _pg += m.PgLoss;
            _kl += m.Kl;
            _clip += m.ClipFrac;
            _ratio += m.RatioMean;
            _ratioMax = Math.Max(_ratioMax, m.RatioMax);
            if (m.Entropy is { } entropy)
            {
                _entropy += entropy;
                _entropyCount++;
            }
            if (double.IsFinite(norm)) _norm += norm;
            else _skipped++;
        }

        public GrpoUpdateMetrics Average()
        {
            var n = _updates;
            var taken = n - _skipped;
            return new GrpoUpdateMetrics(n, _skipped, _loss / n, _pg / n, _kl / n, _clip / n, _ratio / n, _ratioMax,
                _entropyCount > 0 ? _entropy / _entropyCount : null, taken > 0 ? _norm / taken : double.NaN);
        }
    }
}
