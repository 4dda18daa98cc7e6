using CoNRec.Model.Sid;

namespace CoNRec.Model.Tests.Sid;

public sealed class SidTableTests
{
    // Items 0, 1 and 4 share (0, 1); the others are alone. Categories: {0, 1, 4} and {2, 3, 5}.
    static readonly int[,] Codes = { { 0, 1 }, { 0, 1 }, { 0, 2 }, { 1, 1 }, { 0, 1 }, { 2, 3 } };
    static readonly int[] Categories = [0, 0, 1, 1, 0, 1];

    [Fact]
    public void Colliding_items_are_numbered_in_item_order()
    {
        var table = new SidTable(Codes, codebookSize: 4);

        Assert.Equal([0, 1, 0, 0, 2, 0], Enumerable.Range(0, 6).Select(table.Suffix));
        Assert.Equal(3, table.SuffixSize);
        Assert.Equal(4, table.DistinctCodes);
        Assert.Equal("<a_0><b_1><c_2>", table.Format(4));
    }

    [Fact]
    public void The_report_matches_the_hand_computed_figures()
    {
        var report = new SidTable(Codes, codebookSize: 4).Report(Categories);

        Assert.Equal(0.5, report.CollisionRate);
        Assert.Equal(3, report.LargestGroup);
        Assert.Equal(3, report.SuffixSize);
        // Both levels use 3 of 4 codes with counts 4, 1, 1.
        var perplexity = Math.Exp(-(4 / 6.0 * Math.Log(4 / 6.0) + 2 * (1 / 6.0 * Math.Log(1 / 6.0))));
        foreach (var level in report.PerLevel)
        {
            Assert.Equal(3, level.CodesUsed);
            Assert.Equal(0.75, level.Utilisation);
            Assert.Equal(perplexity, level.Perplexity, 10);
        }
        // Same-category pairs: 6, of which 3 share the first code; all pairs: 15, of which 6 share it.
        Assert.Equal(2, report.Categories);
        Assert.Equal(0.5, report.SameCategoryShareRate!.Value, 12);
        Assert.Equal(0.4, report.RandomShareRate!.Value, 12);
        Assert.Equal(1.25, report.CategoryCoherence!.Value, 12);
        Assert.Contains("ratio 1.25", report.Format());
        Assert.Contains("collision rate before suffix 50.00 %", report.Format());
    }

    [Fact]
    public void Without_categories_the_coherence_is_absent()
    {
        var report = new SidTable(Codes, codebookSize: 4).Report();

        Assert.Null(report.CategoryCoherence);
        Assert.DoesNotContain("coherence", report.Format());
    }

    [Fact]
    public void Items_are_found_by_their_full_sid_tokens()
    {
        var table = new SidTable(Codes, codebookSize: 4);

        Assert.Equal(4, table.Find("<a_0><b_1><c_2>"));
        Assert.Equal(5, table.Find([2, 3, 0]));
        Assert.Equal(-1, table.Find("<a_0><b_1><c_3>"));
        Assert.Equal(-1, table.Find("not a sid"));
    }

    [Fact]
    public void Tokens_round_trip_and_bad_text_is_refused()
    {
        Assert.Equal([5, 2, 9, 0], SidTokens.Parse("<a_5><b_2><c_9><d_0>"));
        Assert.Equal("<a_5><b_2><c_9><d_0>", SidTokens.Format([5, 2, 9, 0]));
        Assert.Equal("<c_12>", SidTokens.Token(2, 12));

        Assert.Contains("token 2 should start with '<b_'", Assert.Throws<FormatException>(() => SidTokens.Parse("<a_5><c_2>")).Message);
        Assert.False(SidTokens.TryParse("<a_x>", out _));
        Assert.False(SidTokens.TryParse("", out _));
        Assert.False(SidTokens.TryParse("<a_1", out _));
    }

    [Fact]
    public void A_code_outside_the_codebook_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SidTable(new[,] { { 0, 4 } }, codebookSize: 4));

        Assert.Contains("item 0 level 1: code 4 is outside 0..3", error.Message);
    }
}
