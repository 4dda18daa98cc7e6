using static TorchSharp.torch;

namespace CoNRec.Cluster.Learner.DataParallel;

/// <summary>Every rank's gradient of one update summed in rank order (fp32, on the CPU), and their combined metrics. Owns the tensors.</summary>
public sealed class SummedGradient(Dictionary<string, Tensor> gradients, ShareMetrics metrics) : IDisposable
{
    /// <summary>By parameter name; a parameter no rank had a gradient for is absent.</summary>
    public IReadOnlyDictionary<string, Tensor> Gradients => gradients;

    public ShareMetrics Metrics { get; } = metrics;

    public void Dispose()
    {
        foreach (var t in gradients.Values) t.Dispose();
        gradients.Clear();
    }
}
