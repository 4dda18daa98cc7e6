using System.Diagnostics;
using System.Globalization;
using CoNRec.Model.Policy;
using CoNRec.Model.Vocab;
using static TorchSharp.torch;

namespace CoNRec.Model.Generation;

/// <summary>Median seconds per group of each generation path, and the median of the per-repetition ratios
/// uncached / cached (each repetition times both paths back to back, so both see the same machine load).</summary>
public sealed record GenerationBenchmarkResult(double CachedSecondsPerGroup, double UncachedSecondsPerGroup, double SpeedRatio);

/// <summary>
/// Group generation (one prompt, G samples of one SID) two ways, side by side: the cached path
/// (<see cref="GroupSampler"/>: prompt encoded once, cache repeated G times, single-token steps) and a naive
/// path that, for each sample and each SID token, runs the whole prompt + generated tokens through the model
/// without a cache. Reports medians over the repetitions after a warm-up of both. Timings only: nothing is asserted.
/// </summary>
public static class GenerationBenchmark
{
    public static GenerationBenchmarkResult Run(TextWriter output, GenerationBenchmarkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        options ??= new GenerationBenchmarkOptions();
        options.Validate();
        var random = new Random((int)options.Seed);
        var layout = new SidTokenLayout(options.Config.VocabSize - options.LevelSizes.Sum(), options.LevelSizes);
        var trie = new SidTrie(RandomItems(layout, options.Items, random));
        var prompt = new int[options.PromptLength];
        for (var t = 0; t < prompt.Length; t++) prompt[t] = random.Next(layout.FirstTokenId);
        using var model = new PolicyModel(options.Config, options.Seed);
        using var generator = new Generator((ulong)options.Seed, model.Device);

        var cached = new double[options.Repetitions];
        var uncached = new double[options.Repetitions];
        var ratios = new double[options.Repetitions];
        var groups = options.GroupsPerRepetition;
        for (var i = -options.Warmup; i < options.Repetitions; i++)
        {
            var seed = options.Seed + i;
            var a = Time(groups, () => GroupSampler.Sample(model, [prompt], trie, options.GroupSize, options.Temperature, seed));
            var b = Time(groups, () => Uncached(model, prompt, trie, options.GroupSize, options.Temperature, generator));
            if (i < 0) continue;
            (cached[i], uncached[i], ratios[i]) = (a, b, b / a);
            output.WriteLine(Invariant($"repetition {i + 1}: cached {a:F4} s/group, uncached {b:F4} s/group, ratio {b / a:F1}x"));
        }
        var result = new GenerationBenchmarkResult(Median(cached), Median(uncached), Median(ratios));
        output.WriteLine(
            Invariant($"generation: G = {options.GroupSize}, prompt {options.PromptLength} tokens, SID {trie.Depth} tokens, {trie.ItemCount} items, ") +
            Invariant($"hidden {options.Config.HiddenSize}, {options.Config.NumHiddenLayers} layers, vocab {options.Config.VocabSize}, {get_num_threads()} threads"));
        output.WriteLine(Invariant($"cached shared-prefix path: {result.CachedSecondsPerGroup:F4} s per group (median), {cached.Min():F4} best"));
        output.WriteLine(Invariant($"uncached full recomputation: {result.UncachedSecondsPerGroup:F4} s per group (median), {uncached.Min():F4} best"));
        output.WriteLine(Invariant($"speed ratio (uncached / cached): {result.SpeedRatio:F1}x (median over {options.Repetitions} side-by-side repetitions)"));
        return result;
    }

    // For each sample and each level: the whole sequence so far through the model, no cache.
    static void Uncached(PolicyModel model, int[] prompt, SidTrie trie, int groupSize, double temperature, Generator generator)
    {
        using var mode = new InferenceMode(model);
        for (var g = 0; g < groupSize; g++)
        {
            var sequence = Array.ConvertAll(prompt, t => (long)t).ToList();
            var node = SidTrie.Root;
            for (var level = 0; level < trie.Depth; level++)
            {
                using var step = NewDisposeScope();
                var logits = model.forward(tensor(sequence.ToArray(), [1, sequence.Count], device: model.Device), positions: null, cache: null, logitsToKeep: 1);
                var (allowed, valid) = SidConstraint.Allowed(trie, [node], model.Device);
                var logProbs = SidConstraint.LogProbs(logits.select(1, 0), allowed, valid, temperature);
                var j = (int)logProbs.exp().multinomial(1, replacement: false, generator: generator).item<long>();
                sequence.Add(trie.ChildTokens(node)[j]);
                node = trie.FirstChild(node) + j;
            }
            if (trie.ItemAt(node) < 0) throw new InvalidOperationException("uncached decoding left the trie");
        }
    }

    // Distinct random code tuples: the trie's shape, not the codes' meaning, is what costs time.
    static List<int[]> RandomItems(SidTokenLayout layout, int count, Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<int[]>(count);
        var codes = new int[layout.Levels];
        while (items.Count < count)
        {
            for (var l = 0; l < codes.Length; l++) codes[l] = random.Next(layout.LevelSizes[l]);
            if (seen.Add(string.Join(',', codes))) items.Add(layout.Encode(codes));
        }
        return items;
    }

    // Seconds per call, averaged over a few calls so that one scheduler hiccup does not decide a repetition.
    static double Time(int calls, Action action)
    {
        var watch = Stopwatch.StartNew();
        for (var c = 0; c < calls; c++) action();
        return watch.Elapsed.TotalSeconds / calls;
    }

    static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
