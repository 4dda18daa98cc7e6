using CoNRec.Model.Generation;

namespace CoNRec.Model.Tests.Generation;

public sealed class PromptsTests
{
    [Fact]
    public void Prompts_are_left_padded_with_a_mask_of_their_real_tokens()
    {
        var (ids, mask) = Prompts.LeftPad([[5, 6, 7], [8]], padTokenId: 2);
        using (ids)
        using (mask)
        {
            Assert.Equal(new long[] { 2, 3 }, ids.shape);
            Assert.Equal(new long[] { 5, 6, 7, 2, 2, 8 }, ids.data<long>().ToArray());
            Assert.Equal(new long[] { 1, 1, 1, 0, 0, 1 }, mask.data<long>().ToArray());
        }
    }

    [Fact]
    public void An_empty_prompt_is_refused_by_position()
    {
        var error = Assert.Throws<ArgumentException>(() => Prompts.LeftPad([[1], []]));

        Assert.Contains("prompt 1 is empty", error.Message, StringComparison.Ordinal);
    }
}
