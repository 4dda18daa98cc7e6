using System.Globalization;
using System.Text;
using CoNRec.Model.Evaluation;

namespace CoNRec.Cluster.Pipeline.Ablation;

/// <summary>
/// The ablation table (like the paper's Table 2) and the claims it is expected to show, each checked against the
/// measured numbers and printed as holding or not: a claim that does not reproduce is reported, not hidden.
/// Forgetting rate = (before - after) / before, with before = the alignment SFT model's item-level alignment accuracy.
/// </summary>
public static class AblationTable
{
    public static string Format(IReadOnlyList<AblationResult> rows, double? alignmentBefore, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var columns = new[] { $"HR@{k}", $"FHR@{k}", $"LUF@{k}", $"LIF@{k}", $"NDCG@{k}", "CandAcc", AlignmentProbe.MetricName };
        var labelWidth = Math.Max("row".Length, rows.Max(r => r.Label.Length));
        var text = new StringBuilder();
        text.Append("row".PadRight(labelWidth));
        foreach (var column in columns) text.Append("  ").Append(column.PadLeft(8));
        text.Append("  ").AppendLine("Forgetting".PadLeft(10));
        foreach (var row in rows)
        {
            text.Append(row.Label.PadRight(labelWidth));
            foreach (var column in columns) text.Append("  ").Append(Number(row[column], "0.0000").PadLeft(8));
            text.Append("  ").AppendLine(Number(Forgetting(alignmentBefore, row[AlignmentProbe.MetricName]), "0.0%").PadLeft(10));
        }
        text.Append(CultureInfo.InvariantCulture, $"alignment accuracy after alignment SFT (the forgetting rate's 'before'): {Number(alignmentBefore, "0.0000")}");
        return text.ToString();
    }

    /// <summary>(before - after) / before; null when either is unknown or before is 0.</summary>
    public static double? Forgetting(double? before, double? after) =>
        before is > 0 && after is { } a ? (before.Value - a) / before.Value : null;

    /// <summary>The paper's claims on FHR@K, each with whether our numbers show it.</summary>
    public static IReadOnlyList<(string Claim, bool? Holds)> Claims(IReadOnlyList<AblationResult> rows, int k)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var fhr = $"FHR@{k}";
        double? Of(string row) => rows.FirstOrDefault(r => r.Row == row)?[fhr];
        bool? Greater(string a, string b) => Of(a) is { } x && Of(b) is { } y ? x > y : null;
        var full = Of(AblationRow.FullConrec);
        bool? best = full is { } f && rows.Where(r => r.Row != AblationRow.FullConrec).All(r => r[fhr] is { } v) ? rows.Where(r => r.Row != AblationRow.FullConrec).All(r => f > r[fhr]!.Value) : null;
        return
        [
            ($"full CoNRec has the best {fhr}", best),
            ($"the future-negative reward beats the hit reward ({fhr}, progressive GRPO)", Greater(AblationRow.FutureNegativeReward, AblationRow.ProgressiveGrpoHit)),
            ($"progressive GRPO beats plain GRPO with the same hit reward ({fhr})", Greater(AblationRow.ProgressiveGrpoHit, AblationRow.PlainGrpoHit)),
            ($"negatives-only SFT beats negatives + positives SFT ({fhr})", Greater(AblationRow.SftNegatives, AblationRow.SftNegativesAndPositives)),
            ($"the future-positive penalty adds to the future-negative reward ({fhr})", Greater(AblationRow.FullConrec, AblationRow.FutureNegativeReward)),
        ];
    }

    public static string FormatClaims(IReadOnlyList<(string Claim, bool? Holds)> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return string.Join(Environment.NewLine, claims.Select(c => $"{(c.Holds switch { true => "holds  ", false => "FAILS  ", null => "unknown" })}  {c.Claim}"));
    }

    static string Number(double? value, string format) => value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
