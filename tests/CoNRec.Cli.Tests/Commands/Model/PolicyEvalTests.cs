using System.Globalization;

namespace CoNRec.Cli.Tests.Commands.Model;

[Collection(ModelCommandsCollection.Name)]
public sealed class PolicyEvalTests(TrainedPolicyFixture policy) : IDisposable
{
    static readonly string[] Columns = ["Model", "Cases", "HR@20", "FHR@20", "LUF@20", "LIF@20", "Recall@20", "NDCG@20", "CandAcc", "AlignAcc"];

    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Eval_of_a_bundle_prints_its_row_with_alignment_accuracy_and_writes_metrics_in_the_unit_interval()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", policy.DataPath, "--model", policy.BundleFolder, "--out", json);

        var table = ModelRuns.TableRows(result.Out);
        Assert.Equal(Columns, table[0]);
        var row = Assert.Single(table.Skip(1));
        Assert.Equal("sft-tiny", row[0]);
        var (model, k, metrics) = Assert.Single(EvalResults.Read(json).Results);
        Assert.Equal("sft-tiny", model);
        Assert.Equal(20, k);
        Assert.Equal(Columns[2..], metrics.Keys);
        foreach (var (name, value) in metrics)
        {
            Assert.True(value is >= 0 and <= 1, $"{name} = {value}");
            Assert.Equal(value!.Value.ToString("0.0000", CultureInfo.InvariantCulture), row[Array.IndexOf(Columns, name)]);
        }
    }

    [Fact]
    public async Task Eval_of_a_baseline_and_a_bundle_prints_both_rows()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", policy.DataPath, "--baseline", "popularity", "--model", policy.BundleFolder, "--out", json);

        var rows = ModelRuns.TableRows(result.Out).Skip(1).ToArray();
        Assert.Equal(["popularity", "sft-tiny"], rows.Select(r => r[0]));
        Assert.Equal("-", rows[0][^1]);
        Assert.Equal(["popularity", "sft-tiny"], EvalResults.Read(json).Models);
    }
}
