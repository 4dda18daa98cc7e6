using System.Globalization;
using System.Text;

namespace CoNRec.Core.Evaluation;

/// <summary>
/// A fixed-width text table of results: one row per model, metrics with 4 decimals, "-" for a metric with no
/// users (or no scorer). Extra metrics of any row get columns of their own after the standard ones. When the results use different K, headers say "@K" and a K column is added.
/// </summary>
public static class ResultTable
{
    public static string Format(IEnumerable<EvaluationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var rows = results.ToList();
        var mixedK = rows.Exists(r => r.K != rows[0].K);
        var metricHeaders = rows.Count > 0 && !mixedK ? EvaluationResult.RankingMetricNames(rows[0].K) : EvaluationResult.RankingMetricNames("K");

        var extraNames = rows.SelectMany(r => r.Extra.Select(m => m.Name)).Distinct(StringComparer.Ordinal).ToArray();
        List<string> header = ["Model", .. mixedK ? ["K"] : Array.Empty<string>(), "Cases", .. metricHeaders, EvaluationResult.CandidateAccuracyName, .. extraNames];
        var table = new List<string[]> { header.ToArray() };
        foreach (var r in rows)
        {
            List<string> cells = [r.Model];
            if (mixedK) cells.Add(r.K.ToString(CultureInfo.InvariantCulture));
            cells.Add(r.CaseCount.ToString(CultureInfo.InvariantCulture));
            cells.AddRange([Cell(r.HitRate), Cell(r.FutureHitRate), Cell(r.LongTailUserHitRate), Cell(r.LongTailItemHitRate), Cell(r.Recall), Cell(r.Ndcg)]);
            cells.Add(r.CandidateAccuracy is { } acc ? Cell(acc) : "-");
            foreach (var name in extraNames)
                cells.Add(r.Extra.FirstOrDefault(m => m.Name == name) is { Name: not null } extra ? Cell(extra.Value) : "-");
            table.Add([.. cells]);
        }
        return Render(table);
    }

    static string Cell(MetricValue m) => m.IsDefined ? m.Mean.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    /// <summary>First column left-aligned, the numbers right-aligned, two spaces between columns, a rule under the header.</summary>
    static string Render(List<string[]> table)
    {
        var columns = table[0].Length;
        var widths = new int[columns];
        foreach (var row in table)
            for (var c = 0; c < columns; c++) widths[c] = Math.Max(widths[c], row[c].Length);

        var sb = new StringBuilder();
        for (var r = 0; r < table.Count; r++)
        {
            var line = new StringBuilder();
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) line.Append("  ");
                line.Append(c == 0 ? table[r][c].PadRight(widths[c]) : table[r][c].PadLeft(widths[c]));
            }
            sb.Append(line.ToString().TrimEnd()).Append('\n');
            if (r == 0) sb.Append(new string('-', widths.Sum() + 2 * (columns - 1))).Append('\n');
        }
        return sb.ToString();
    }
}
