namespace CoNRec.Core.Synthetic;

/// <summary>
/// The synthetic catalogue: a two-level category tree (top / leaf), <c>StylesPerLeaf</c> styles per leaf, and
/// items that each belong to one attribute group (leaf x style, group = leaf * StylesPerLeaf + style slot),
/// carry a colour/material word and have a Zipf-like popularity. Titles read "style colour noun filler...".
/// </summary>
sealed class ItemUniverse
{
    ItemUniverse(int stylesPerLeaf, string[] groupNames, int[] groupStyleWord, int[] itemGroup, int[] itemColour,
        int[][] itemFillers, string[] titles, string[] categoryPaths, double[] popularity)
    {
        StylesPerLeaf = stylesPerLeaf;
        GroupNames = groupNames;
        GroupStyleWord = groupStyleWord;
        ItemGroup = itemGroup;
        ItemColour = itemColour;
        ItemFillers = itemFillers;
        Titles = titles;
        CategoryPaths = categoryPaths;
        Popularity = popularity;
        PopularityCumulative = Cumulative(popularity);

        var members = new List<int>[groupNames.Length];
        for (var g = 0; g < members.Length; g++) members[g] = [];
        for (var i = 0; i < itemGroup.Length; i++) members[itemGroup[i]].Add(i);
        GroupItems = new int[groupNames.Length][];
        GroupItemCumulative = new double[groupNames.Length][];
        GroupPopularity = new double[groupNames.Length];
        for (var g = 0; g < members.Length; g++)
        {
            GroupItems[g] = [.. members[g]];
            var weights = new double[GroupItems[g].Length];
            for (var k = 0; k < weights.Length; k++) weights[k] = popularity[GroupItems[g][k]];
            GroupItemCumulative[g] = Cumulative(weights);
            GroupPopularity[g] = GroupItemCumulative[g][^1];
        }
    }

    public int StylesPerLeaf { get; }
    public int ItemCount => ItemGroup.Length;
    public int GroupCount => GroupNames.Length;
    public int LeafCount => GroupNames.Length / StylesPerLeaf;
    public string[] GroupNames { get; }

    /// <summary>Index of the style word of each group (into the style vocabulary).</summary>
    public int[] GroupStyleWord { get; }
    public int[] ItemGroup { get; }
    public int[] ItemColour { get; }
    public int[][] ItemFillers { get; }
    public string[] Titles { get; }
    public string[] CategoryPaths { get; }

    /// <summary>Item popularity, summing to 1.</summary>
    public double[] Popularity { get; }
    public double[] PopularityCumulative { get; }
    public int[][] GroupItems { get; }
    public double[][] GroupItemCumulative { get; }
    public double[] GroupPopularity { get; }

    public int LeafOf(int group) => group / StylesPerLeaf;

    public static ItemUniverse Create(SyntheticWorldOptions o)
    {
        var random = Seeds.For(o.Seed, Seeds.Items);
        var styleWords = Vocabulary.StyleWordCount(o.StylesPerLeaf);
        var groupNames = new string[o.GroupCount];
        var groupStyleWord = new int[o.GroupCount];
        var leafPaths = new string[o.LeafCount];
        var pool = new int[styleWords];
        for (var leaf = 0; leaf < o.LeafCount; leaf++)
        {
            var (top, sub) = Math.DivRem(leaf, o.SubcategoriesPerTop);
            var noun = Vocabulary.LeafNoun(top, sub);
            leafPaths[leaf] = $"{Vocabulary.TopName(top)}/{char.ToUpperInvariant(noun[0])}{noun[1..]}";
            for (var w = 0; w < pool.Length; w++) pool[w] = w;
            random.Shuffle(pool);
            for (var s = 0; s < o.StylesPerLeaf; s++)
            {
                var g = leaf * o.StylesPerLeaf + s;
                groupStyleWord[g] = pool[s];
                groupNames[g] = $"{leafPaths[leaf]}/{Vocabulary.StyleWord(pool[s])}";
            }
        }

        // Every group gets at least one item; the rest are spread at random.
        var itemGroup = new int[o.Items];
        for (var i = 0; i < o.Items; i++) itemGroup[i] = i < o.GroupCount ? i : random.Next(o.GroupCount);
        random.Shuffle(itemGroup);

        var itemColour = new int[o.Items];
        var itemFillers = new int[o.Items][];
        var titles = new string[o.Items];
        var paths = new string[o.Items];
        for (var i = 0; i < o.Items; i++)
        {
            var g = itemGroup[i];
            var leaf = g / o.StylesPerLeaf;
            var (top, sub) = Math.DivRem(leaf, o.SubcategoriesPerTop);
            itemColour[i] = random.Next(o.Colours);
            itemFillers[i] = new int[o.FillerWordsPerTitle];
            for (var f = 0; f < itemFillers[i].Length; f++) itemFillers[i][f] = random.Next(Vocabulary.FillerCount);
            var words = new List<string>(3 + itemFillers[i].Length)
            {
                Vocabulary.StyleWord(groupStyleWord[g]), Vocabulary.ColourWord(itemColour[i]), Vocabulary.LeafNoun(top, sub),
            };
            foreach (var f in itemFillers[i]) words.Add(Vocabulary.FillerWord(f));
            titles[i] = string.Join(' ', words);
            paths[i] = leafPaths[leaf];
        }

        // Zipf-like popularity over a random ranking of the items.
        var rank = new int[o.Items];
        for (var i = 0; i < rank.Length; i++) rank[i] = i;
        random.Shuffle(rank);
        var popularity = new double[o.Items];
        var total = 0.0;
        for (var i = 0; i < o.Items; i++) total += popularity[i] = Math.Pow(rank[i] + 1, -o.PopularitySkew);
        for (var i = 0; i < o.Items; i++) popularity[i] /= total;

        return new ItemUniverse(o.StylesPerLeaf, groupNames, groupStyleWord, itemGroup, itemColour, itemFillers, titles, paths, popularity);
    }

    static double[] Cumulative(ReadOnlySpan<double> weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++) result[i] = sum += weights[i];
        return result;
    }
}
