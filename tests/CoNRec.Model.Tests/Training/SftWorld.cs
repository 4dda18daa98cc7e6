using System.Runtime.InteropServices;
using CoNRec.Model.Policy;
using CoNRec.Model.Tasks;
using CoNRec.Model.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Training;

/// <summary>
/// A learnable task for the Tiny policy (64 tokens): example i is &lt;bos&gt; &lt;task&gt; [i % 3 fillers] x_i
/// &lt;answer&gt; | y_i &lt;eos&gt;, with x_i = 20 + i and y_i = 40 + 7i mod 16, so prompts of three lengths pad a batch.
/// </summary>
internal static class SftWorld
{
    public const int Pad = 0, Bos = 1, Eos = 2, Answer = 3, Task = 4, Filler = 5;

    // Two different token lists' fingerprints: the checkpoint's vocabulary check only compares them.
    public static readonly string Fingerprint = new('a', 64);
    public static readonly string OtherFingerprint = new('b', 64);

    public static int AnswerOf(int i) => 40 + 7 * i % 16;

    public static List<TrainingExample> Examples(int count = 16)
    {
        var examples = new List<TrainingExample>(count);
        for (var i = 0; i < count; i++)
        {
            int[] prompt = [Bos, Task, .. Enumerable.Repeat(Filler, i % 3), 20 + i, Answer];
            examples.Add(new TrainingExample([.. prompt, AnswerOf(i), Eos], prompt.Length));
        }
        return examples;
    }

    public static SftOptions Options => new()
    {
        Steps = 12, BatchSize = 8, LearningRate = 1e-2, WarmupSteps = 2, CheckpointEvery = 0, LogEvery = 1, Seed = 3,
    };

    public static PolicyModel Model(long seed = 7) => new(PolicyConfig.Tiny, seed);

    public static (string Name, Parameter Parameter)[] All(PolicyModel model) => [.. model.named_parameters()];

    public static SftTrainer Trainer(PolicyModel model, SftOptions options, string? root = null,
        IEnumerable<(string, Parameter)>? trainable = null, string? fingerprint = null) =>
        new(model, trainable ?? All(model), Examples(), Pad, fingerprint ?? Fingerprint, options, root);

    /// <summary>Every state tensor's values by name (fp32 copies).</summary>
    public static Dictionary<string, float[]> Weights(nn.Module model) =>
        model.state_dict().ToDictionary(e => e.Key, e => e.Value.detach().to(ScalarType.Float32).data<float>().ToArray());

    public static void AssertBitIdentical(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, values) in expected)
            Assert.True(MemoryMarshal.Cast<float, int>(values).SequenceEqual(MemoryMarshal.Cast<float, int>(actual[name])), $"'{name}' differs");
    }
}

/// <summary>Reports on the training thread as each step ends (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class StepRecorder(Action<SftStep>? onStep = null) : IProgress<SftStep>
{
    public List<SftStep> Steps { get; } = [];

    public void Report(SftStep value)
    {
        Steps.Add(value);
        onStep?.Invoke(value);
    }
}
