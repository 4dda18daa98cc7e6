namespace CoNRec.Cli.Tests.Commands.Data;

/// <summary>
/// Every kind of bad source file stops the import with exit code 2 and one "error:" line that names the file
/// and line, and leaves the output folder as it was: no dataset, no temporary file.
/// </summary>
public sealed class ImportBadInputTests : IDisposable
{
    const string Deleted = "<deleted>";
    const string Ml100kRatings = "u.data";
    const string Ml1mRatings = "ratings.dat";
    const string CsvRatings = "ratings.csv";
    const string KuaiRandLog = "log_standard_4_08_to_4_21_1k.csv";
    const string KuaiRandRow = "20220408,1000,1649412000000,1,0,0,0,0,1,0,3000";

    readonly TempFolder _temp = new();
    readonly string _output;

    public ImportBadInputTests() => _output = Directory.CreateDirectory(_temp.PathOf("out")).FullName;

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string, string, string, string, string[]> BadFiles => new()
    {
        // case, format, layout, file replaced, its new content (or deleted), what the error line says
        { "missing items file", "movielens", "ml-100k", "u.item", Deleted, ["u.item: file not found"] },
        { "missing events file", "csv", "generic", "events.csv", Deleted, ["events.csv: file not found"] },
        { "empty ratings file", "movielens", "ml-1m", Ml1mRatings, "", ["ratings.dat:1:", "empty"] },
        { "empty items file", "csv", "generic", "items.csv", "", ["items.csv:1:", "empty"] },
        { "header and no rows", "movielens", "ml-20m", CsvRatings, "userId,movieId,rating,timestamp\n", ["ratings.csv:2:", "no rows"] },
        { "ml-1m row with 3 fields", "movielens", "ml-1m", Ml1mRatings, "1::1::5::978300760\n1::2::1\n", ["ratings.dat:2:", "expected 4 fields"] },
        { "ml-100k item with 3 fields", "movielens", "ml-100k", "u.item", "1|Toy Story (1995)|01-Jan-1995\n", ["u.item:1:", "expected 24 fields"] },
        { "csv row with 3 fields", "csv", "generic", "events.csv", "user_id,item_id,timestamp,kind,reason\nalice,k1,1700000000,exposure,\nalice,k1,1700000000\n", ["events.csv:3:", "expected 5 fields"] },
        { "KuaiRand row with 5 fields", "kuairand", "kuairand", KuaiRandLog, SourceFiles.KuaiRandHeader + "\n0,100,20220408,1000,1649412000000\n", [KuaiRandLog + ":2:", "expected 13 fields"] },
        { "header without a needed column", "csv", "generic", "events.csv", "user,item_id,timestamp,kind\nalice,k1,1700000000,exposure\n", ["events.csv:1:", "'user_id'"] },
        { "non-numeric user id", "movielens", "ml-20m", CsvRatings, "userId,movieId,rating,timestamp\n1,1,4.5,1112486027\nabc,2,3.0,1112486100\n", ["ratings.csv:3:", "userId 'abc' is not an integer"] },
        { "non-numeric movie id", "movielens", "ml-100k", Ml100kRatings, "1\tone\t5\t874965758\n", ["u.data:1:", "movie id 'one' is not an integer"] },
        { "non-numeric video id", "kuairand", "kuairand", KuaiRandLog, $"{SourceFiles.KuaiRandHeader}\n0,v100,{KuaiRandRow}\n", [KuaiRandLog + ":2:", "video_id 'v100'"] },
        { "non-numeric rating", "movielens", "ml-20m", CsvRatings, "userId,movieId,rating,timestamp\n1,1,good,1112486027\n", ["ratings.csv:2:", "rating 'good'"] },
        { "event naming an unknown item", "csv", "generic", "events.csv", "user_id,item_id,timestamp,kind,reason\nalice,k1,1700000000,exposure,\nalice,zz,1700000001,click,\n", ["events.csv:3:", "item_id 'zz' is not listed in items.csv"] },
        { "rating of an unknown movie", "movielens", "ml-100k", Ml100kRatings, "1\t1\t5\t874965758\n1\t99\t4\t874965800\n", ["u.data:2:", "movie 99 is not listed in u.item"] },
        { "negative timestamp, ml-100k", "movielens", "ml-100k", Ml100kRatings, "1\t1\t5\t-5\n", ["u.data:1:", "timestamp -5 is negative"] },
        { "negative timestamp, csv", "csv", "generic", "events.csv", "user_id,item_id,timestamp,kind,reason\nalice,k1,-100,exposure,\n", ["events.csv:2:", "timestamp -100 is negative"] },
        { "negative time_ms, KuaiRand", "kuairand", "kuairand", KuaiRandLog, $"{SourceFiles.KuaiRandHeader}\n0,100,20220408,1000,-1000,1,0,0,0,0,1,0,3000\n", [KuaiRandLog + ":2:", "time_ms -1000 is negative"] },
        { "unknown kind", "csv", "generic", "events.csv", "user_id,item_id,timestamp,kind,reason\nalice,k1,1700000000,love,\n", ["events.csv:2:", "kind 'love'"] },
        { "reason on a positive", "csv", "generic", "events.csv", "user_id,item_id,timestamp,kind,reason\nalice,k1,1700000000,positive,not-interested\n", ["events.csv:2:", "reasons are for negatives only"] },
        { "unclosed quote", "csv", "generic", "items.csv", "item_id,title,category\nk1,\"Chef's knife,Home\n", ["items.csv:2:", "not closed"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_source_file_is_bad_input_naming_the_file_and_line_and_nothing_is_written(
        string problem, string format, string layout, string file, string content, string[] named)
    {
        var files = ImportLayouts.Files(layout);
        if (content == Deleted) files.Remove(file); else files[file] = content;
        var input = SourceFiles.WriteFolder(_temp, layout, files);

        var result = await Import("--format", format, "--input", input);

        AssertBadInput(result, problem, named);
    }

    [Theory]
    [InlineData("movielens")]
    [InlineData("kuairand")]
    [InlineData("csv")]
    public async Task A_missing_input_folder_is_bad_input_naming_the_folder(string format)
    {
        var missing = _temp.PathOf("no-such-folder");

        var result = await Import("--format", format, "--input", missing);

        AssertBadInput(result, format, [missing, "no such folder"]);
    }

    [Fact]
    public async Task A_folder_that_holds_no_movielens_ratings_is_bad_input()
    {
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());

        var result = await Import("--format", "movielens", "--input", input);

        AssertBadInput(result, "no ratings file", [input, "not a MovieLens folder"]);
    }

    [Fact]
    public async Task A_folder_without_KuaiRand_logs_is_bad_input()
    {
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());

        var result = await Import("--format", "kuairand", "--input", input);

        AssertBadInput(result, "no logs", [input, "log_standard_*.csv"]);
    }

    [Fact]
    public async Task An_unknown_format_is_bad_input_naming_the_setting()
    {
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());

        var result = await Import("--format", "parquet", "--input", input);

        AssertBadInput(result, "unknown format", ["--format", "'parquet'"]);
    }

    [Theory]
    [InlineData("--feature-dim", "0", "import.feature-dimension")]
    [InlineData("--negative-max-rating", "4", "import.negative-at-most")]
    public async Task An_invalid_import_setting_is_bad_input_naming_the_setting(string option, string value, string setting)
    {
        var input = SourceFiles.WriteFolder(_temp, "ml-1m", SourceFiles.MovieLens1m());

        var result = await Import("--format", "movielens", "--input", input, option, value);

        AssertBadInput(result, option, [setting]);
    }

    [Theory]
    [InlineData("1\t0.5 1\n2\t0 1\n", "vectors.tsv:", "have no vector")]
    [InlineData("1\t0.5 1\n2\t0 1\n3\t1\n", "vectors.tsv:3:", "the first line had 2")]
    [InlineData("1\t0.5 1\n7\t0 1\n", "vectors.tsv:2:", "item '7' is not in the dataset")]
    [InlineData("1\t0.5 x\n", "vectors.tsv:1:", "'x' is not a finite number")]
    public async Task A_bad_embeddings_file_is_bad_input_and_nothing_is_written(string vectors, string where, string problem)
    {
        var input = SourceFiles.WriteFolder(_temp, "ml-100k", SourceFiles.MovieLens100k());
        var embeddings = _temp.Write("vectors.tsv", vectors);

        var result = await Import("--format", "movielens", "--input", input, "--embeddings", embeddings);

        AssertBadInput(result, problem, [where, problem]);
    }

    [Fact]
    public async Task A_missing_required_option_is_a_parse_error()
    {
        var result = await Import("--format", "csv");

        AssertBadInput(result, "no --input", ["--input"]);
    }

    Task<RunResult> Import(params string[] args) =>
        Conrec.RunAsync(["data", "import", .. args, "--out", Path.Combine(_output, "data.conrec")]);

    void AssertBadInput(RunResult result, string problem, string[] named)
    {
        Assert.True(result.ExitCode == ExitCodes.BadInput, $"{problem}\n{result}");
        var error = Assert.Single(result.ErrorLines);
        foreach (var text in named) Assert.Contains(text, error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_output));
    }
}
