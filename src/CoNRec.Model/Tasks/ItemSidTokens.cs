using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tasks;

/// <summary>Every item's SID as vocabulary token ids (item -> one token per level, suffix last).</summary>
public sealed class ItemSidTokens
{
    readonly int[][] _tokens;

    /// <param name="itemSids">Item index -> codes per level, suffix code last.</param>
    /// <exception cref="ArgumentException">An item's SID has the wrong length or a code outside its level.</exception>
    public ItemSidTokens(SidTokenLayout layout, IReadOnlyList<int[]> itemSids)
    {
        _tokens = new int[itemSids.Count][];
        for (var item = 0; item < itemSids.Count; item++)
        {
            try
            {
                _tokens[item] = layout.Encode(itemSids[item]);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"item {item}'s SID [{string.Join(", ", itemSids[item])}] does not fit the SID layout: {e.Message}", nameof(itemSids), e);
            }
        }
        Length = layout.Levels;
    }

    public int ItemCount => _tokens.Length;

    /// <summary>Tokens per SID (levels including the suffix).</summary>
    public int Length { get; }

    public ReadOnlySpan<int> Of(int item) =>
        (uint)item < (uint)_tokens.Length ? _tokens[item] : throw new ArgumentOutOfRangeException(nameof(item), item, $"the SID table holds {_tokens.Length} items");
}
