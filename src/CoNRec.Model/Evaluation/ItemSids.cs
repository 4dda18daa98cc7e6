using CoNRec.Core.Data;
using CoNRec.Model.Sid;

namespace CoNRec.Model.Evaluation;

/// <summary>Each dataset item's full SID (level codes, suffix last), matched to a SID table by external id.</summary>
public static class ItemSids
{
    /// <exception cref="InvalidDataException">An item of the dataset has no SID in the table (names it and the folder).</exception>
    public static IReadOnlyList<int[]> For(ItemCatalog items, SidArtifactSet sids, string sidFolder)
    {
        var row = new Dictionary<string, int>(sids.ExternalIds.Count, StringComparer.Ordinal);
        for (var i = 0; i < sids.ExternalIds.Count; i++) row[sids.ExternalIds[i]] = i;
        var result = new int[items.Count][];
        for (var item = 0; item < items.Count; item++)
        {
            if (!row.TryGetValue(items.ExternalIds[item], out var r))
                throw new InvalidDataException($"{sidFolder}: item '{items.ExternalIds[item]}' of the dataset has no SID (was the SID folder built from another dataset?)");
            result[item] = sids.Table.FullSid(r);
        }
        return result;
    }

    /// <summary>Vocabulary level sizes for a table: the RQ-VAE levels, then the suffix level.</summary>
    public static int[] LevelSizes(SidTable table) => [.. Enumerable.Repeat(table.CodebookSize, table.Levels), Math.Max(1, table.SuffixSize)];
}
