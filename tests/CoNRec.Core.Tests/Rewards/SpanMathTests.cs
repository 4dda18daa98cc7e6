using CoNRec.Core.Rewards;

namespace CoNRec.Core.Tests.Rewards;

public sealed class SpanMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(37)]
    public void Dot_products_agree_with_the_plain_sum_at_any_length(int length)
    {
        var random = new Random(length);
        var a = new float[length];
        var b = new float[length];
        for (var i = 0; i < length; i++) (a[i], b[i]) = ((float)random.NextDouble() - 0.5f, (float)random.NextDouble() - 0.5f);
        var expected = 0.0;
        for (var i = 0; i < length; i++) expected += a[i] * (double)b[i];

        var dot = SpanMath.Dot(a, b);

        Assert.Equal(expected, dot, 1e-5);
    }

    [Fact]
    public void Normalised_rows_have_unit_length_and_zero_rows_stay_zero()
    {
        float[] rows = [3, 4, 0, 0];

        var unit = SpanMath.NormalisedRows(rows, 2);

        Assert.Equal([0.6f, 0.8f, 0f, 0f], unit);
    }
}
