using System.Globalization;

namespace CoNRec.Cli.Tests.Commands;

public sealed class EvalCommandTests(SyntheticWorldFixture world) : IClassFixture<SyntheticWorldFixture>, IDisposable
{
    static readonly string[] MetricsAt20 = ["HR@20", "FHR@20", "LUF@20", "LIF@20", "Recall@20", "NDCG@20", "CandAcc"];

    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Eval_prints_a_row_per_baseline_and_writes_the_metrics_as_json()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--out", json);

        var table = TableRows(result.Out);
        Assert.Equal(["Model", "Cases", .. MetricsAt20], table[0]);
        Assert.Equal(["random", "popularity", "swing"], table.Skip(1).Select(r => r[0]));
        Assert.Contains($"wrote {json}", result.Out, StringComparison.Ordinal);

        var results = EvalResults.Read(json);
        Assert.Equal(["random", "popularity", "swing"], results.Models);
        foreach (var (model, k, metrics) in results.Results)
        {
            Assert.Equal(20, k);
            Assert.Equal(MetricsAt20, metrics.Keys);
            foreach (var (name, value) in metrics)
                if (value is { } v) Assert.True(v is >= 0 and <= 1, $"{model} {name} = {v}");
            Assert.NotNull(metrics["HR@20"]);
            Assert.NotNull(metrics["FHR@20"]);
            Assert.NotNull(metrics["CandAcc"]);
            // The table shows the file's values to 4 decimals.
            var row = table.Single(r => r[0] == model);
            for (var m = 0; m < MetricsAt20.Length; m++)
            {
                var shown = metrics[MetricsAt20[m]] is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";
                Assert.Equal(shown, row[2 + m]);
            }
        }
        Assert.Equal("synthetic-seed42", results.Metadata.GetProperty("datasetName").GetString());
        Assert.Equal(300, results.Metadata.GetProperty("userCount").GetInt32());
        Assert.Equal("globalTime", results.Metadata.GetProperty("split").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task Swing_and_popularity_find_more_future_negatives_than_random()
    {
        var json = _temp.PathOf("eval.json");

        await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--out", json);

        var fhr = EvalResults.Read(json).Results.ToDictionary(r => r.Model, r => r.Metrics["FHR@20"]!.Value);
        Assert.True(fhr["popularity"] > fhr["random"], $"popularity {fhr["popularity"]} <= random {fhr["random"]}");
        Assert.True(fhr["swing"] > fhr["random"], $"swing {fhr["swing"]} <= random {fhr["random"]}");
    }

    [Fact]
    public async Task One_baseline_gives_only_its_row()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--baseline", "popularity", "--out", json);

        Assert.Equal(["popularity"], TableRows(result.Out).Skip(1).Select(r => r[0]));
        Assert.Equal(["popularity"], EvalResults.Read(json).Models);
    }

    [Fact]
    public async Task A_list_of_baselines_gives_their_rows_in_order()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--baseline", "Swing, random", "--out", json);

        Assert.Equal(["swing", "random"], TableRows(result.Out).Skip(1).Select(r => r[0]));
        Assert.Equal(["swing", "random"], EvalResults.Read(json).Models);
    }

    [Fact]
    public async Task K_renames_the_metrics()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--k", "10", "--baseline", "random", "--out", json);

        string[] at10 = ["HR@10", "FHR@10", "LUF@10", "LIF@10", "Recall@10", "NDCG@10", "CandAcc"];
        Assert.Equal(["Model", "Cases", .. at10], TableRows(result.Out)[0]);
        var (_, k, metrics) = Assert.Single(EvalResults.Read(json).Results);
        Assert.Equal(10, k);
        Assert.Equal(at10, metrics.Keys);
        Assert.DoesNotContain("@20", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_random_baseline()
    {
        string[] paths = [_temp.PathOf("a.json"), _temp.PathOf("b.json")];

        foreach (var path in paths) await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--baseline", "random", "--seed", "3", "--out", path);

        Assert.Equal(EvalResults.Read(paths[0]).Results[0].Metrics, EvalResults.Read(paths[1]).Results[0].Metrics);
    }

    [Fact]
    public async Task A_per_user_split_evaluates_and_records_the_split()
    {
        var json = _temp.PathOf("eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--split", "per-user", "--anchor-fraction", "0.7", "--out", json);

        Assert.Equal(4, TableRows(result.Out).Count);
        var metadata = EvalResults.Read(json).Metadata;
        var split = metadata.GetProperty("split");
        Assert.Equal("perUserAnchor", split.GetProperty("mode").GetString());
        Assert.Equal(0.7, split.GetProperty("anchorFraction").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, metadata.GetProperty("resolvedT0").ValueKind);
        Assert.True(metadata.GetProperty("caseCount").GetInt32() > 0);
    }

    [Fact]
    public async Task The_out_path_is_honoured_and_its_folder_created()
    {
        var json = _temp.PathOf("results/run 1/eval.json");

        var result = await Conrec.RunOkAsync("eval", "--data", world.DataPath, "--baseline", "random", "--out", json);

        Assert.True(File.Exists(json));
        Assert.Equal(["results/run 1/eval.json"], _temp.Files());
        Assert.False(File.Exists(world.DataPath + ".eval.json"));
        Assert.Contains($"wrote {json}", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_out_the_json_lands_next_to_the_data()
    {
        var data = _temp.PathOf("world.conrec");
        File.Copy(world.DataPath, data);

        await Conrec.RunOkAsync("eval", "--data", data, "--baseline", "popularity");

        Assert.Equal(["world.conrec", "world.conrec.eval.json"], _temp.Files());
        Assert.Equal(["popularity"], EvalResults.Read(data + ".eval.json").Models);
    }

    /// <summary>The table's rows split into cells (header first, the rule under it skipped).</summary>
    static List<string[]> TableRows(string output)
    {
        var lines = RunResult.Lines(output);
        var header = Array.FindIndex(lines, l => l.StartsWith("Model ", StringComparison.Ordinal));
        Assert.True(header >= 0, $"no result table in\n{output}");
        Assert.StartsWith("----", lines[header + 1], StringComparison.Ordinal);
        var rows = new List<string[]> { lines[header].Split(' ', StringSplitOptions.RemoveEmptyEntries) };
        for (var i = header + 2; i < lines.Length && !lines[i].StartsWith("wrote ", StringComparison.Ordinal); i++)
            rows.Add(lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return rows;
    }
}
