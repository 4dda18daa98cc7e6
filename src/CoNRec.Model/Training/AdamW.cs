using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Training;

/// <summary>
/// AdamW (decoupled weight decay, Loshchilov and Hutter) over named parameters, written out rather than
/// TorchSharp's so that its whole state is plain named tensors: it checkpoints into safetensors beside the
/// weights, and data-parallel learners that load the same state take bit-identical steps.
/// State per parameter: <c>{name}.exp_avg</c>, <c>{name}.exp_avg_sq</c>; plus the shared step count.
/// </summary>
public sealed class AdamW : IDisposable
{
    readonly (string Name, Parameter Parameter)[] _parameters;
    readonly Dictionary<string, (Tensor ExpAvg, Tensor ExpAvgSq)> _state = new(StringComparer.Ordinal);

    public AdamW(IEnumerable<(string Name, Parameter Parameter)> parameters, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0.01)
    {
        _parameters = [.. parameters.Where(p => p.Parameter.requires_grad)];
        if (_parameters.Length == 0) throw new ArgumentException("AdamW needs at least one trainable parameter", nameof(parameters));
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Eps { get; }
    public double WeightDecay { get; }
    public long Step { get; private set; }
    public IReadOnlyList<(string Name, Parameter Parameter)> Parameters => _parameters;

    /// <summary>One update at learning rate <paramref name="lr"/>; parameters without a gradient are skipped.</summary>
    public void Update(double lr)
    {
        Step++;
        var correction1 = 1 - Math.Pow(Beta1, Step);
        var correction2 = 1 - Math.Pow(Beta2, Step);
        using var noGrad = no_grad();
        foreach (var (name, p) in _parameters)
        {
            if (p.grad is not { } grad) continue;
            using var scope = NewDisposeScope();
            var (m, v) = StateOf(name, p);
            m.mul_(Beta1).add_(grad, alpha: 1 - Beta1);
            v.mul_(Beta2).addcmul_(grad, grad, value: 1 - Beta2);
            if (WeightDecay != 0) p.mul_(1 - lr * WeightDecay);
            var denominator = v.div(correction2).sqrt_().add_(Eps);
            p.addcdiv_(m, denominator, value: -lr / correction1);
        }
    }

    public void ZeroGrad()
    {
        foreach (var (_, p) in _parameters) p.grad?.zero_();
    }

    /// <summary>The state as named tensors (shared with the optimizer, not copies), plus the step.</summary>
    public Dictionary<string, Tensor> StateTensors()
    {
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, (m, v)) in _state)
        {
            tensors[name + ".exp_avg"] = m;
            tensors[name + ".exp_avg_sq"] = v;
        }
        return tensors;
    }

    /// <summary>Restores a state written by <see cref="StateTensors"/>; refuses tensors of unknown parameters or other shapes.</summary>
    public void LoadState(IReadOnlyDictionary<string, Tensor> tensors, long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        var byName = _parameters.ToDictionary(p => p.Name, p => p.Parameter, StringComparer.Ordinal);
        foreach (var (key, tensor) in tensors)
        {
            var suffix = key.EndsWith(".exp_avg_sq", StringComparison.Ordinal) ? ".exp_avg_sq" : key.EndsWith(".exp_avg", StringComparison.Ordinal) ? ".exp_avg" : null;
            var name = suffix is null ? null : key[..^suffix.Length];
            if (name is null || !byName.TryGetValue(name, out var p))
                throw new InvalidDataException($"optimizer state '{key}' names no trainable parameter");
            if (!tensor.shape.SequenceEqual(p.shape))
                throw new InvalidDataException($"optimizer state '{key}' has shape [{string.Join(", ", tensor.shape)}], the parameter [{string.Join(", ", p.shape)}]");
            var (m, v) = StateOf(name, p);
            using var noGrad = no_grad();
            (suffix == ".exp_avg" ? m : v).copy_(tensor);
        }
        Step = step;
    }

    (Tensor ExpAvg, Tensor ExpAvgSq) StateOf(string name, Tensor p)
    {
        if (_state.TryGetValue(name, out var state)) return state;
        var m = zeros_like(p, dtype: ScalarType.Float32).DetachFromDisposeScope();
        var v = zeros_like(p, dtype: ScalarType.Float32).DetachFromDisposeScope();
        if (p.dtype != ScalarType.Float32) throw new NotSupportedException($"AdamW keeps fp32 master weights only; '{name}' is {p.dtype}");
        _state[name] = (m, v);
        return (m, v);
    }

    public void Dispose()
    {
        foreach (var (m, v) in _state.Values)
        {
            m.Dispose();
            v.Dispose();
        }
        _state.Clear();
    }
}
