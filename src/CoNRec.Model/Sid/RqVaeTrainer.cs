using CoNRec.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Sid;

/// <summary>Mean losses of one training epoch (weighted by batch size) and the codes re-seeded after it.</summary>
public sealed record RqVaeEpoch(int Epoch, double ReconstructionLoss, double QuantizationLoss, double Loss, int DeadCodesReset);

/// <summary>The trained model (in eval mode) and its per-epoch losses.</summary>
public sealed record RqVaeTrainingResult(RqVae Model, IReadOnlyList<RqVaeEpoch> Epochs);

/// <summary>
/// Trains an RQ-VAE on item features with AdamW: features normalised per dimension (stats stored in the
/// model), optional k-means codebook initialisation on the first batch, optional dead-code reset after
/// every epoch but the last. Deterministic for a seed on the CPU: shuffles and k-means use a seeded
/// <see cref="Random"/>, weights a seeded torch generator.
/// </summary>
public static class RqVaeTrainer
{
    /// <param name="features">Row-major (N, dim) features.</param>
    /// <param name="progress">Receives the finished fraction (0..1] after every epoch.</param>
    /// <exception cref="ArgumentException">Bad options or features (named in the message).</exception>
    public static RqVaeTrainingResult Train(float[] features, int dim, RqVaeOptions options, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var n = FeatureMatrix.Validate(features, dim);
        var device = TorchDevice.Parse(options.Device);
        var (mean, std) = FeatureMatrix.MeanAndStd(features, dim);

        var model = new RqVae(dim, options);
        try
        {
            model.SetNormalisation(mean, std);
            model.to(device);
            var epochs = Fit(model, features, n, dim, options, device, progress, cancellationToken);
            model.eval();
            return new RqVaeTrainingResult(model, epochs);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    static List<RqVaeEpoch> Fit(RqVae model, float[] features, int n, int dim, RqVaeOptions options, Device device, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var rng = new Random(options.Seed);
        using var data = ToDevice(tensor(features, [n, dim]), device); // (N, Din)
        var trainable = model.parameters().Where(p => p.requires_grad).ToArray();
        using var optimizer = optim.AdamW(trainable, options.LearningRate, weight_decay: options.WeightDecay);
        var batchSize = Math.Min(options.BatchSize, n);
        var order = Enumerable.Range(0, n).ToArray();
        var usage = new long[options.Levels][];
        for (var l = 0; l < usage.Length; l++) usage[l] = new long[options.CodebookSize];
        var history = new List<RqVaeEpoch>(options.Epochs);
        model.train();

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            rng.Shuffle(order);
            foreach (var counts in usage) Array.Clear(counts);
            double reconstruction = 0, quantization = 0, total = 0;
            long[] lastBatch = [];
            for (var start = 0; start < n; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                lastBatch = order[start..Math.Min(n, start + batchSize)].Select(i => (long)i).ToArray();
                var batch = data.index_select(0, tensor(lastBatch, device: device)); // (B, Din)
                if (epoch == 0 && start == 0 && options.KMeansInit)
                    CodebookSeeding.KMeans(model, batch, options.KMeansIterations, rng);

                var output = model.call(batch);
                optimizer.zero_grad();
                output.Loss.backward();
                optimizer.step();

                var rows = lastBatch.Length;
                reconstruction += output.ReconstructionLoss.item<float>() * rows;
                quantization += output.QuantizationLoss.item<float>() * rows;
                total += output.Loss.item<float>() * rows;
                CountUsage(output.Codes, usage);
            }

            var reset = 0;
            if (options.DeadCodeReset && epoch + 1 < options.Epochs)
            {
                using var scope = NewDisposeScope();
                reset = CodebookSeeding.ResetDeadCodes(model, data.index_select(0, tensor(lastBatch, device: device)), usage, rng);
            }
            history.Add(new RqVaeEpoch(epoch + 1, reconstruction / n, quantization / n, total / n, reset));
            progress?.Report((epoch + 1) / (double)options.Epochs);
        }
        return history;
    }

    static Tensor ToDevice(Tensor cpu, Device device)
    {
        if (device.type == DeviceType.CPU) return cpu;
        using (cpu) return cpu.to(device);
    }

    static void CountUsage(Tensor codes, long[][] usage) // codes (B, L)
    {
        var levels = usage.Length;
        var values = codes.cpu().data<long>().ToArray();
        for (var i = 0; i < values.Length; i++) usage[i % levels][values[i]]++;
    }
}
