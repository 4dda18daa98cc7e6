using System.Globalization;
using System.Text;

namespace CoNRec.Model.Sid;

/// <summary>Usage of one level's codebook: distinct codes used / codebook size, and exp(entropy of code usage).</summary>
public sealed record SidLevelStats(int Level, int CodesUsed, double Utilisation, double Perplexity);

/// <summary>
/// Quality of a SID table. CollisionRate: share of items whose L codes equal another item's (before the
/// suffix). CategoryCoherence: P(two items of the same category share the first-level code) / P(two random
/// distinct items share it); null when no categories were given or either probability is undefined or zero.
/// </summary>
public sealed record SidReport(
    int Items,
    int Levels,
    int CodebookSize,
    int DistinctCodes,
    double CollisionRate,
    int LargestGroup,
    int SuffixSize,
    IReadOnlyList<SidLevelStats> PerLevel,
    int? Categories,
    double? SameCategoryShareRate,
    double? RandomShareRate,
    double? CategoryCoherence)
{
    public static SidReport Compute(SidTable table, int[]? categories = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (categories is not null && categories.Length != table.Count)
            throw new ArgumentException($"categories: {categories.Length} labels for {table.Count} items", nameof(categories));
        var n = table.Count;

        // Group sizes by full L-code combination: an item collides when its group has another member.
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = string.Join(',', table.LevelCodes(i));
            groups[key] = groups.GetValueOrDefault(key) + 1;
        }
        long colliding = 0;
        var largest = 0;
        foreach (var size in groups.Values)
        {
            if (size > 1) colliding += size;
            largest = Math.Max(largest, size);
        }

        var perLevel = new SidLevelStats[table.Levels];
        for (var l = 0; l < table.Levels; l++) perLevel[l] = LevelStats(table, l);

        int? categoryCount = null;
        double? same = null, random = null, ratio = null;
        if (categories is not null)
        {
            categoryCount = categories.Distinct().Count();
            (same, random) = FirstLevelShareRates(table, categories);
            if (same is { } s && random is { } r && r > 0) ratio = s / r;
        }
        return new SidReport(n, table.Levels, table.CodebookSize, table.DistinctCodes, n == 0 ? 0 : colliding / (double)n,
            largest, table.SuffixSize, perLevel, categoryCount, same, random, ratio);
    }

    public string Format()
    {
        var text = new StringBuilder();
        Line(text, $"items {Items}, {Levels} levels x {CodebookSize} codes, {DistinctCodes} distinct code combinations");
        Line(text, $"collision rate before suffix {CollisionRate:P2}, largest shared group {LargestGroup}, suffix size {SuffixSize}");
        foreach (var level in PerLevel)
            Line(text, $"level {(char)('a' + level.Level)}: {level.CodesUsed}/{CodebookSize} codes used ({level.Utilisation:P1}), perplexity {level.Perplexity:F1}");
        if (Categories is { } count)
            Line(text, $"category coherence (first level, {count} categories): same-category pairs share {Percent(SameCategoryShareRate)}, random pairs {Percent(RandomShareRate)}, ratio {(CategoryCoherence is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) : "undefined")}");
        return text.ToString();
    }

    static SidLevelStats LevelStats(SidTable table, int level)
    {
        var counts = new long[table.CodebookSize];
        for (var i = 0; i < table.Count; i++) counts[table.Code(i, level)]++;
        var used = 0;
        double entropy = 0;
        foreach (var count in counts)
        {
            if (count == 0) continue;
            used++;
            var p = count / (double)table.Count;
            entropy -= p * Math.Log(p);
        }
        return new SidLevelStats(level, used, used / (double)table.CodebookSize, Math.Exp(entropy));
    }

    /// <summary>Share of same-category pairs, and of all pairs, whose first-level codes are equal.</summary>
    static (double? Same, double? Random) FirstLevelShareRates(SidTable table, int[] categories)
    {
        var byCategory = new Dictionary<int, long>();
        var byCode = new Dictionary<int, long>();
        var byBoth = new Dictionary<(int, int), long>();
        for (var i = 0; i < table.Count; i++)
        {
            var code = table.Code(i, 0);
            byCategory[categories[i]] = byCategory.GetValueOrDefault(categories[i]) + 1;
            byCode[code] = byCode.GetValueOrDefault(code) + 1;
            byBoth[(categories[i], code)] = byBoth.GetValueOrDefault((categories[i], code)) + 1;
        }
        double sameCategoryPairs = Pairs(byCategory.Values), sharingWithin = Pairs(byBoth.Values);
        double allPairs = Pairs([table.Count]), sharing = Pairs(byCode.Values);
        double? same = sameCategoryPairs > 0 ? sharingWithin / sameCategoryPairs : null;
        double? random = allPairs > 0 ? sharing / allPairs : null;
        return (same, random);
    }

    static double Pairs(IEnumerable<long> sizes)
    {
        double pairs = 0;
        foreach (var size in sizes) pairs += size * (size - 1) / 2.0;
        return pairs;
    }

    static string Percent(double? value) => value is { } v ? v.ToString("P2", CultureInfo.InvariantCulture) : "undefined";

    static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
