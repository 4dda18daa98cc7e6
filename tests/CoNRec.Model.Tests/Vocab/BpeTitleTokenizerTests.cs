using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Vocab;

public sealed class BpeTitleTokenizerTests
{
    static readonly string[] Titles =
    [
        "Red Wool Socks", "Blue wool hat", "Red hat", "Green socks, wool", "Wool scarf", "red wool scarf", "Blue-green wool socks",
    ];

    [Fact]
    public void Training_twice_on_the_same_titles_gives_the_same_pieces_and_merges()
    {
        var first = BpeTitleTokenizer.Train(Titles);
        var second = BpeTitleTokenizer.Train(Titles.Reverse());

        Assert.Equal(first.Tokens, second.Tokens);
        Assert.Equal(first.Merges, second.Merges);
        Assert.NotEmpty(first.Merges);
    }

    [Fact]
    public void Seen_words_round_trip_through_encode_and_decode_lower_cased()
    {
        var bpe = BpeTitleTokenizer.Train(Titles);

        var ids = bpe.Encode("Red WOOL socks, blue-green hat");

        Assert.DoesNotContain(ITitleTokenizer.Unknown, ids);
        Assert.Equal("red wool socks , blue - green hat", bpe.Decode(ids));
    }

    [Fact]
    public void A_frequent_word_becomes_a_single_word_final_piece()
    {
        var bpe = BpeTitleTokenizer.Train(Titles);

        var ids = bpe.Encode("wool");

        Assert.Equal(["wool" + BpeTitleTokenizer.EndOfWord], ids.Select(i => bpe.Tokens[i]));
    }

    [Fact]
    public void Unseen_characters_encode_as_unknown_and_seen_ones_around_them_survive()
    {
        var bpe = BpeTitleTokenizer.Train(Titles);

        var ids = bpe.Encode("red zq");

        Assert.Equal(2, ids.Count(i => i == ITitleTokenizer.Unknown));
        Assert.Equal("red " + ReservedTokens.Unk + ReservedTokens.Unk, bpe.Decode(ids));
    }

    [Fact]
    public void The_target_size_stops_the_merges()
    {
        var small = BpeTitleTokenizer.Train(Titles, new BpeTrainingOptions { VocabularySize = 40 });
        var large = BpeTitleTokenizer.Train(Titles, new BpeTrainingOptions { VocabularySize = 2000 });
        var alphabet = Titles.SelectMany(t => t.ToLowerInvariant()).Where(c => !char.IsWhiteSpace(c)).Distinct().Count();

        Assert.Equal(2 * alphabet, small.Tokens.Count - small.Merges.Count);
        Assert.Equal(40, small.Tokens.Count);
        Assert.True(large.Tokens.Count > 40);
    }

    [Fact]
    public void A_rebuilt_tokenizer_encodes_like_the_trained_one()
    {
        var trained = BpeTitleTokenizer.Train(Titles);

        var rebuilt = new BpeTitleTokenizer(trained.Tokens, trained.Merges);

        Assert.Equal(trained.Encode("blue wool scarf"), rebuilt.Encode("blue wool scarf"));
    }

    [Fact]
    public void Options_name_the_setting_they_reject()
    {
        var error = Assert.Throws<ArgumentException>(() => BpeTitleTokenizer.Train(Titles, new BpeTrainingOptions { VocabularySize = 0 }));

        Assert.Equal("vocab.titleTokens must be >= 1 (got 0)", error.Message);
    }
}
