namespace CoNRec.Model.Tasks;

/// <summary>
/// A padded batch, row-major (B, T). <see cref="AttentionMask"/> is true on real tokens; <see cref="LossMask"/> is
/// true on answer tokens, the targets of the next-token loss (the logits at t - 1 predict token t).
/// </summary>
public sealed record TokenBatch(int BatchSize, int Length, long[] InputIds, bool[] AttentionMask, bool[] LossMask)
{
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"BatchSize = {BatchSize}, Length = {Length}");
        return true;
    }
}

/// <summary>Pads examples into plain arrays; the trainer turns them into tensors.</summary>
public static class Batching
{
    /// <summary>Training batch: right padding, so every sequence starts at position 0.</summary>
    public static TokenBatch Training(IReadOnlyList<TrainingExample> examples, int padId)
    {
        var length = MaxLength(examples.Select(e => e.InputIds));
        var (ids, attention, loss) = Allocate(examples.Count, length, padId);
        for (var b = 0; b < examples.Count; b++)
        {
            var example = examples[b];
            var row = b * length;
            for (var t = 0; t < example.InputIds.Length; t++)
            {
                ids[row + t] = example.InputIds[t];
                attention[row + t] = true;
                loss[row + t] = t >= example.PromptLength;
            }
        }
        return new TokenBatch(examples.Count, length, ids, attention, loss);
    }

    /// <summary>Generation batch: left padding, so every prompt ends at the last column and generation appends in step.</summary>
    public static TokenBatch Prompts(IReadOnlyList<Prompt> prompts, int padId)
    {
        var length = MaxLength(prompts.Select(p => p.InputIds));
        var (ids, attention, loss) = Allocate(prompts.Count, length, padId);
        for (var b = 0; b < prompts.Count; b++)
        {
            var prompt = prompts[b].InputIds;
            var offset = b * length + length - prompt.Length;
            for (var t = 0; t < prompt.Length; t++)
            {
                ids[offset + t] = prompt[t];
                attention[offset + t] = true;
            }
        }
        return new TokenBatch(prompts.Count, length, ids, attention, loss);
    }

    static int MaxLength(IEnumerable<int[]> sequences)
    {
        var length = 0;
        foreach (var sequence in sequences) length = Math.Max(length, sequence.Length);
        return length > 0 ? length : throw new ArgumentException("a batch needs at least one non-empty sequence");
    }

    static (long[] Ids, bool[] Attention, bool[] Loss) Allocate(int batch, int length, int padId)
    {
        var ids = new long[batch * length];
        Array.Fill(ids, padId);
        return (ids, new bool[ids.Length], new bool[ids.Length]);
    }
}
