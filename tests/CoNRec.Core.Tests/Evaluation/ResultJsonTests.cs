using System.Text.Json;
using CoNRec.Core.Baselines;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Core.Tests.Evaluation;

public sealed class ResultJsonTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), $"conrec-results-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Results_are_written_with_metric_names_settings_and_counts()
    {
        var split = TinyData.FourUsers();
        var options = new EvaluationOptions(K: 2);
        var ranker = new DislikePopularityRanker(split);
        var result = Evaluator.Evaluate(split, ranker, ranker, options);
        var path = Path.Combine(_dir, "results.json");

        ResultJson.Write(path, [result], ResultMetadata.From(split, options) with { Notes = new Dictionary<string, string> { ["seed"] = "7" } });

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var metadata = json.RootElement.GetProperty("metadata");
        Assert.Equal("tiny", metadata.GetProperty("datasetName").GetString());
        Assert.Equal(Time.Days(10), metadata.GetProperty("resolvedT0").GetInt64());
        Assert.Equal(7, metadata.GetProperty("split").GetProperty("windowDays").GetDouble());
        Assert.Equal("globalTime", metadata.GetProperty("split").GetProperty("mode").GetString());
        Assert.Equal(2, metadata.GetProperty("evaluation").GetProperty("k").GetInt32());
        Assert.Equal((4, 6, 2, 2), (metadata.GetProperty("userCount").GetInt32(), metadata.GetProperty("itemCount").GetInt32(),
            metadata.GetProperty("caseCount").GetInt32(), metadata.GetProperty("candidateCaseCount").GetInt32()));
        Assert.Equal(7, metadata.GetProperty("historyEventCount").GetInt64());
        Assert.Equal("7", metadata.GetProperty("notes").GetProperty("seed").GetString());

        var entry = json.RootElement.GetProperty("results")[0];
        Assert.Equal("popularity", entry.GetProperty("model").GetString());
        Assert.Equal(0.5, entry.GetProperty("metrics").GetProperty("HR@2").GetDouble());
        Assert.Equal(1, entry.GetProperty("users").GetProperty("LUF@2").GetInt32());
        Assert.Equal(0.25, entry.GetProperty("metrics").GetProperty("CandAcc").GetDouble());
    }

    [Fact]
    public void A_metric_without_users_is_null_and_the_file_is_replaced_without_leftovers()
    {
        var split = TinyData.FourUsers();
        var metadata = ResultMetadata.From(split, new EvaluationOptions(K: 20));
        var path = Path.Combine(_dir, "results.json");
        ResultJson.Write(path, [ResultTableTests.Result("old", 20, 0.9, null)], metadata);

        ResultJson.Write(path, [ResultTableTests.Result("new", 20, 0.1, null)], metadata);

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var entry = json.RootElement.GetProperty("results")[0];
        Assert.Equal("new", entry.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("metrics").GetProperty("LUF@20").ValueKind);
        Assert.Equal(["results.json"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }
}
