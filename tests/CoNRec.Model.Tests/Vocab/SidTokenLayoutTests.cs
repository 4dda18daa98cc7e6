using CoNRec.Model.Vocab;

namespace CoNRec.Model.Tests.Vocab;

public sealed class SidTokenLayoutTests
{
    readonly SidTokenLayout _layout = new(firstTokenId: 10, levelSizes: [4, 3, 2]);

    [Fact]
    public void Levels_are_contiguous_blocks_after_the_first_token()
    {
        Assert.Equal(10, _layout.TokenId(0, 0));
        Assert.Equal(14, _layout.TokenId(1, 0));
        Assert.Equal(18, _layout.TokenId(2, 1));
        Assert.Equal(9, _layout.TokenCount);
    }

    [Fact]
    public void Decode_inverts_token_id_for_every_token()
    {
        for (var level = 0; level < _layout.Levels; level++)
            for (var code = 0; code < _layout.LevelSizes[level]; code++)
                Assert.Equal((level, code), _layout.Decode(_layout.TokenId(level, code)));
        Assert.False(_layout.IsSidToken(9));
        Assert.False(_layout.IsSidToken(19));
    }

    [Fact]
    public void Codes_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _layout.TokenId(1, 3));
        Assert.Throws<ArgumentException>(() => _layout.Encode([1, 2]));
        Assert.Equal("<c_1>", SidTokenLayout.TokenText(2, 1));
    }
}
