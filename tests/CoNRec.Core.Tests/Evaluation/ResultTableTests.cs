using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class ResultTableTests
{
    internal static EvaluationResult Result(string model, int k, double hr, MetricValue? accuracy) =>
        new(model, k, 10, 8, new(hr, 8), new(0.5, 8), new(double.NaN, 0), new(0.25, 4), new(0.125, 8), new(1 / 3.0, 8), accuracy);

    [Fact]
    public void Rows_are_models_and_metrics_have_four_decimals()
    {
        var text = ResultTable.Format([Result("popularity", 20, 0.0123456, null), Result("swing", 20, 0.1, new(0.75, 6))]);

        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.Equal(["Model", "Cases", "HR@20", "FHR@20", "LUF@20", "LIF@20", "Recall@20", "NDCG@20", "CandAcc"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["popularity", "8", "0.0123", "0.5000", "-", "0.2500", "0.1250", "0.3333", "-"],
            lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("0.7500", lines[3], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.Equal(lines[0].Length, line.Length));
    }

    [Fact]
    public void Mixed_k_gets_a_k_column_and_generic_headers()
    {
        var text = ResultTable.Format([Result("a", 10, 0.1, null), Result("b", 20, 0.2, null)]);

        var header = text.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Model", "K", "Cases", "HR@K"], header[..4]);
    }

    [Fact]
    public void An_empty_list_gives_just_the_header()
    {
        var lines = ResultTable.Format([]).TrimEnd('\n').Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Model  Cases  HR@K", lines[0], StringComparison.Ordinal);
    }
}
