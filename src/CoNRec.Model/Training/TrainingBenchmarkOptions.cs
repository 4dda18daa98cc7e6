using System.Globalization;
using CoNRec.Model.Policy;
using CoNRec.Model.Vocab;

namespace CoNRec.Model.Training;

/// <summary>
/// Settings of <see cref="TrainingBenchmark"/>. The defaults are a default SFT run's shapes: the Small policy over our
/// default vocabulary (the reserved tokens, three 256-code SID levels and a suffix level, 2,000 title tokens), batches
/// of 32 next-negative examples with 64-200 context tokens and a 5-token answer (the SID and &lt;eos&gt;).
/// </summary>
public sealed record TrainingBenchmarkOptions
{
    /// <summary>The policy's shape; its vocab_size is replaced by <see cref="VocabularySize"/>.</summary>
    public PolicyConfig Config { get; init; } = PolicyConfig.Small;

    /// <summary>Codes per SID level, suffix level last.</summary>
    public IReadOnlyList<int> LevelSizes { get; init; } = [256, 256, 256, 8];

    public int TitleTokens { get; init; } = 2000;
    public int Items { get; init; } = 4096;
    public int Examples { get; init; } = 2048;
    public int MinContextTokens { get; init; } = 64;
    public int MaxContextTokens { get; init; } = 200;
    public int BatchSize { get; init; } = 32;

    /// <summary>Untimed steps first (allocator and thread pools settle).</summary>
    public int WarmupSteps { get; init; } = 3;

    /// <summary>Timed steps after the warm-up.</summary>
    public int Steps { get; init; } = 30;

    public int Seed { get; init; } = 1;

    /// <summary>Reserved tokens, then the SID block, then the title tokens, as <see cref="Vocabulary.Create(IReadOnlyList{int}, BpeTitleTokenizer)"/> lays them out.</summary>
    public int VocabularySize => ReservedTokens.All.Count + LevelSizes.Sum() + TitleTokens;

    public PolicyConfig Policy => Config with { VocabSize = VocabularySize };

    /// <summary>A seconds-long run for tests: the Tiny shape, small SID levels, short contexts.</summary>
    public static TrainingBenchmarkOptions Tiny => new()
    {
        Config = PolicyConfig.Tiny, LevelSizes = [4, 4, 4, 2], TitleTokens = 20, Items = 40, Examples = 16,
        MinContextTokens = 12, MaxContextTokens = 24, BatchSize = 4, WarmupSteps = 1, Steps = 3,
    };

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Config);
        if (LevelSizes is not { Count: >= 2 } || LevelSizes.Any(s => s < 1)) throw Bad("level_sizes", "must be two or more positive sizes (codes, then the suffix)", LevelSizes?.Count ?? 0);
        if (TitleTokens < 0) throw Bad("title_tokens", "must be >= 0", TitleTokens);
        Positive(Items, "items");
        Positive(Examples, "examples");
        Positive(BatchSize, "batch_size");
        Positive(Steps, "steps");
        if (WarmupSteps < 0) throw Bad("warmup_steps", "must be >= 0", WarmupSteps);
        // <bos>, task, <ctx_neg>, one SID at least, <answer>.
        var sid = LevelSizes.Count;
        if (MinContextTokens < 4 + sid) throw Bad("min_context_tokens", $"must hold 4 markers and one {sid}-token SID", MinContextTokens);
        if (MaxContextTokens < MinContextTokens) throw Bad("max_context_tokens", $"must be >= min_context_tokens {MinContextTokens}", MaxContextTokens);
        if (MaxContextTokens + sid + 1 > Config.MaxPositionEmbeddings)
            throw Bad("max_context_tokens", $"plus the answer must fit max_position_embeddings {Config.MaxPositionEmbeddings}", MaxContextTokens);
        var distinct = LevelSizes.Aggregate(1.0, (product, size) => product * size);
        if (Items > distinct) throw Bad("items", $"must be <= the {distinct} distinct SIDs the levels allow", Items);
        Policy.Validate();
    }

    static void Positive(int value, string name)
    {
        if (value <= 0) throw Bad(name, "must be > 0", value);
    }

    static ArgumentException Bad(string name, string rule, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"benchmark.{name} {rule} (got {value})"));
}
