using System.Globalization;
using CoNRec.Model.Policy;

namespace CoNRec.Model.Generation;

/// <summary>Settings of <see cref="GenerationBenchmark"/>; the defaults are the Small policy with a 3,000-token vocabulary.</summary>
public sealed record GenerationBenchmarkOptions
{
    public PolicyConfig Config { get; init; } = PolicyConfig.Small with { VocabSize = 3000 };
    public int PromptLength { get; init; } = 128;
    public int GroupSize { get; init; } = 8;
    /// <summary>Codes per SID level, suffix level last; the SID tokens take the top of the vocabulary.</summary>
    public IReadOnlyList<int> LevelSizes { get; init; } = [256, 256, 256, 8];
    public int Items { get; init; } = 4096;
    public int Warmup { get; init; } = 2;
    public int Repetitions { get; init; } = 9;
    /// <summary>Groups generated per timed repetition (the time reported is per group).</summary>
    public int GroupsPerRepetition { get; init; } = 3;
    public double Temperature { get; init; } = 1.0;
    public long Seed { get; init; } = 1;

    /// <summary>A seconds-long run for tests: the Tiny policy and a tiny catalogue.</summary>
    public static GenerationBenchmarkOptions Tiny => new()
    {
        Config = PolicyConfig.Tiny, PromptLength = 8, GroupSize = 2, LevelSizes = [3, 3, 2], Items = 12, Warmup = 1, Repetitions = 2,
        GroupsPerRepetition = 1,
    };

    /// <exception cref="ArgumentException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Config);
        Config.Validate();
        Positive(PromptLength, "prompt_length");
        Positive(GroupSize, "group_size");
        Positive(Items, "items");
        Positive(Warmup, "warmup");
        Positive(Repetitions, "repetitions");
        Positive(GroupsPerRepetition, "groups_per_repetition");
        if (!(Temperature > 0) || double.IsInfinity(Temperature)) throw Bad("temperature", "must be a finite number > 0", Temperature);
        if (LevelSizes is not { Count: > 0 } || LevelSizes.Any(s => s < 1)) throw Bad("level_sizes", "must be one or more positive sizes", LevelSizes?.Count ?? 0);
        var sidTokens = LevelSizes.Sum();
        if (sidTokens >= Config.VocabSize) throw Bad("level_sizes", $"need fewer SID tokens than vocab_size {Config.VocabSize}", sidTokens);
        var distinct = LevelSizes.Aggregate(1.0, (product, size) => product * size);
        if (Items > distinct) throw Bad("items", $"must be <= the {distinct} distinct SIDs the levels allow", Items);
        if (PromptLength + LevelSizes.Count > Config.MaxPositionEmbeddings)
            throw Bad("prompt_length", $"plus the SID must fit max_position_embeddings {Config.MaxPositionEmbeddings}", PromptLength);
    }

    static void Positive(int value, string name)
    {
        if (value <= 0) throw Bad(name, "must be > 0", value);
    }

    static ArgumentException Bad(string name, string rule, object value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"benchmark.{name} {rule} (got {value})"));
}
