using CoNRec.Cluster.Pipeline.Ablation;

namespace CoNRec.Cluster.Tests.Pipeline.Ablation;

public sealed class AblationTableTests
{
    static AblationResult Row(string name, double fhr, double? align = null) =>
        new(name, name, new Dictionary<string, double?> { ["FHR@20"] = fhr, ["HR@20"] = fhr / 2, ["AlignAcc"] = align });

    static List<AblationResult> Rows(double conrec) =>
    [
        Row(AblationRow.SftNegatives, 0.30, 0.40),
        Row(AblationRow.SftNegativesAndPositives, 0.25),
        Row(AblationRow.PlainGrpoHit, 0.31),
        Row(AblationRow.ProgressiveGrpoHit, 0.32),
        Row(AblationRow.FutureNegativeReward, 0.35),
        Row(AblationRow.FullConrec, conrec, 0.45),
    ];

    [Fact]
    public void Forgetting_is_the_relative_drop_from_the_alignment_sft_accuracy()
    {
        Assert.Equal(0.2, AblationTable.Forgetting(0.5, 0.4)!.Value, 12);
        Assert.Equal(-0.1, AblationTable.Forgetting(0.5, 0.55)!.Value, 12);
        Assert.Null(AblationTable.Forgetting(null, 0.4));
        Assert.Null(AblationTable.Forgetting(0, 0.4));
        Assert.Null(AblationTable.Forgetting(0.5, null));
    }

    [Fact]
    public void Every_claim_holds_when_the_numbers_order_as_the_paper_says()
    {
        var claims = AblationTable.Claims(Rows(conrec: 0.36), 20);

        Assert.Equal(5, claims.Count);
        Assert.All(claims, c => Assert.True(c.Holds, c.Claim));
    }

    [Fact]
    public void A_claim_that_does_not_reproduce_is_reported_as_failing()
    {
        var claims = AblationTable.Claims(Rows(conrec: 0.33), 20);

        Assert.False(claims.Single(c => c.Claim.StartsWith("full CoNRec", StringComparison.Ordinal)).Holds);
        Assert.False(claims.Single(c => c.Claim.Contains("penalty", StringComparison.Ordinal)).Holds);
        Assert.Contains("FAILS", AblationTable.FormatClaims(claims));
    }

    [Fact]
    public void The_table_prints_each_row_with_its_forgetting_rate_and_dashes_for_unknowns()
    {
        var table = AblationTable.Format(Rows(conrec: 0.36), alignmentBefore: 0.5, k: 20);

        var lines = table.Split(Environment.NewLine);
        Assert.Equal(8, lines.Length);
        Assert.Contains("FHR@20", lines[0]);
        Assert.Contains("Forgetting", lines[0]);
        Assert.EndsWith("20.0%", lines[1].TrimEnd());
        Assert.EndsWith("-", lines[2].TrimEnd());
        Assert.EndsWith(" 10.0%", lines[6].TrimEnd());
        Assert.Contains("0.5000", lines[7]);
    }
}
