using CoNRec.Core.Features;

namespace CoNRec.Core.Tests.Features;

public sealed class TextFeaturizerTests
{
    static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }

    static double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));

    [Fact]
    public void The_hash_is_standard_fnv1a_64_over_utf8()
    {
        Assert.Equal(0xcbf29ce484222325UL, StableHash.Of(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, StableHash.Of("a"));
        Assert.Equal(0x85944171f73967e8UL, StableHash.Of("foobar"));
        Assert.Equal(StableHash.Append(StableHash.Of("fo"), "obar"), StableHash.Of("foobar"));
    }

    [Fact]
    public void The_same_input_gives_the_same_bytes_from_separate_instances()
    {
        var first = new TextFeaturizer().Featurize("The Godfather (1972)", "Crime/Mafia", ["Drama"]);
        var second = new TextFeaturizer().Featurize("The Godfather (1972)", "Crime/Mafia", ["Drama"]);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Vectors_are_pinned_so_a_change_of_hashing_is_noticed()
    {
        var vector = new TextFeaturizer(new TextFeaturizerOptions { Dimension = 8, BigramWeight = 0, TagWeight = 0 }).Featurize("a", "");

        // One token "w:a" at weight 1: a single +-1 entry after normalisation.
        Assert.Equal(1, vector.Count(x => x != 0));
        Assert.Equal(1f, Math.Abs(vector.Single(x => x != 0)));
        Assert.Equal(Expected(), vector);

        static float[] Expected()
        {
            var hash = StableHash.Finish(StableHash.Of("w:a"));
            var expected = new float[8];
            expected[(int)(hash % 8)] = (hash >> 63) == 0 ? 1f : -1f;
            return expected;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(64)]
    [InlineData(300)]
    public void Vectors_have_the_set_dimension_and_unit_length(int dimension)
    {
        var vector = new TextFeaturizer(new TextFeaturizerOptions { Dimension = dimension }).Featurize("Heat (1995)", "Action/Crime", ["Thriller"]);

        Assert.Equal(dimension, vector.Length);
        Assert.Equal(1.0, Norm(vector), 5);
    }

    [Fact]
    public void An_input_without_tokens_stays_zero()
    {
        var vector = new TextFeaturizer().Featurize("  --  ", " / ", ["", " "]);

        Assert.All(vector, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Similar_titles_are_closer_than_unrelated_ones()
    {
        var featurizer = new TextFeaturizer();
        var godfather = featurizer.Featurize("The Godfather (1972)", "Crime");
        var sequel = featurizer.Featurize("The Godfather: Part II (1974)", "Crime");
        var toyStory = featurizer.Featurize("Toy Story (1995)", "Animation");

        Assert.True(Cosine(godfather, sequel) > 0.5, $"cos = {Cosine(godfather, sequel)}");
        Assert.True(Cosine(godfather, sequel) > Cosine(godfather, toyStory) + 0.3);
    }

    [Fact]
    public void Category_prefixes_are_shared_between_sibling_categories()
    {
        var featurizer = new TextFeaturizer(new TextFeaturizerOptions { Dimension = 256 });

        var crime = featurizer.Featurize("", "Drama/Crime");
        var romance = featurizer.Featurize("", "drama / Romance");
        var comedyCrime = featurizer.Featurize("", "Comedy/Crime");

        Assert.Equal(0.5, Cosine(crime, romance), 5);
        Assert.Equal(0.0, Cosine(crime, comedyCrime), 5);
    }

    [Fact]
    public void Case_and_apostrophes_do_not_matter_and_cjk_characters_are_words()
    {
        var featurizer = new TextFeaturizer();

        Assert.Equal(featurizer.Featurize("Children's Hour", ""), featurizer.Featurize("CHILDRENS hour", ""));
        Assert.True(Cosine(featurizer.Featurize("猫咪日常", ""), featurizer.Featurize("可爱猫咪", "")) > 0.3);
    }

    [Theory]
    [InlineData(0, 1, "features.dimension")]
    [InlineData(8, -1, "features.bigram-weight")]
    [InlineData(8, float.NaN, "features.bigram-weight")]
    public void Invalid_settings_are_named(int dimension, float bigramWeight, string setting)
    {
        var options = new TextFeaturizerOptions { Dimension = dimension, BigramWeight = bigramWeight };

        var error = Assert.Throws<ArgumentException>(() => new TextFeaturizer(options));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }
}
