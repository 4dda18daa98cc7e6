using CoNRec.Core.Data;

namespace CoNRec.Cli.Tests.Commands.Data;

public sealed class ImportCommandTests : IDisposable
{
    readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string, DatasetCounts> Layouts => new()
    {
        // format, layout, (users, items, events, exposures, clicks, positives, negatives)
        { "movielens", "ml-100k", new DatasetCounts(2, 3, 4, 1, 0, 1, 2) },
        { "movielens", "ml-1m", new DatasetCounts(3, 3, 5, 1, 0, 2, 2) },
        { "movielens", "ml-20m", new DatasetCounts(2, 3, 4, 1, 0, 1, 2) },
        { "kuairand", "kuairand", new DatasetCounts(3, 3, 5, 1, 1, 2, 1) },
        { "csv", "generic", new DatasetCounts(2, 3, 5, 1, 1, 1, 2) },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Import_writes_a_dataset_whose_counts_match_the_source_files(string format, string layout, DatasetCounts expected)
    {
        var input = SourceFiles.WriteFolder(_temp, layout, ImportLayouts.Files(layout));
        var output = _temp.PathOf("out/data.conrec");

        var result = await Conrec.RunOkAsync("data", "import", "--format", format, "--input", input, "--out", output);

        var dataset = DatasetFile.Read(output);
        Assert.Equal(expected, DatasetCounts.Of(dataset));
        Assert.Null(dataset.Truth);
        Assert.Contains($"wrote {output}: {expected.Users} users, {expected.Items} items, {expected.Events} events in ", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.ErrorLines);
        Assert.Equal(["data.conrec"], Directory.GetFiles(_temp.PathOf("out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_dataset_is_named_after_the_source_folder_unless_a_name_is_given()
    {
        var input = SourceFiles.WriteFolder(_temp, "ml-1m", SourceFiles.MovieLens1m());

        await Conrec.RunOkAsync("data", "import", "--format", "movielens", "--input", input, "--out", _temp.PathOf("a.conrec"));
        await Conrec.RunOkAsync("data", "import", "--format", "movielens", "--input", input, "--out", _temp.PathOf("b.conrec"), "--name", "movies");

        Assert.Equal("ml-1m", DatasetFile.Read(_temp.PathOf("a.conrec")).Name);
        Assert.Equal("movies", DatasetFile.Read(_temp.PathOf("b.conrec")).Name);
    }

    [Fact]
    public async Task Rating_thresholds_decide_which_ratings_are_negatives_and_positives()
    {
        var input = SourceFiles.WriteFolder(_temp, "ml-100k", SourceFiles.MovieLens100k());
        var output = _temp.PathOf("data.conrec");

        await Conrec.RunOkAsync("data", "import", "--format", "movielens", "--input", input, "--out", output,
            "--negative-max-rating", "1", "--positive-min-rating", "5");

        // Ratings 5, 1, 3, 2: only the 1 is a negative now, and the 2 joins the 3 as neutral.
        Assert.Equal(new DatasetCounts(2, 3, 4, 2, 0, 1, 1), DatasetCounts.Of(DatasetFile.Read(output)));
    }

    [Fact]
    public async Task Generic_csv_keeps_titles_categories_and_reasons()
    {
        var input = SourceFiles.WriteFolder(_temp, "generic", SourceFiles.GenericCsv());
        var output = _temp.PathOf("data.conrec");

        await Conrec.RunOkAsync("data", "import", "--format", "csv", "--input", input, "--out", output, "--feature-dim", "16");

        var dataset = DatasetFile.Read(output);
        var knife = dataset.Items.ExternalIds.ToList().IndexOf("k1");
        Assert.Equal("Chef's knife, 20 cm", dataset.Items.Titles[knife]);
        Assert.Equal("Home/Kitchen/Knives", dataset.Items.CategoryPaths[knife]);
        Assert.Equal(16, dataset.Items.FeatureDim);
        var reasons = new List<NegativeReason>();
        for (var i = 0; i < dataset.Events.Count; i++)
            if (dataset.Events.Kinds[i] == FeedbackKind.Negative) reasons.Add(dataset.Events.Reasons[i]);
        Assert.Equal([NegativeReason.NotInterested, NegativeReason.Unspecified], reasons);
    }

    [Fact]
    public async Task KuaiRand_captions_give_videos_their_titles_and_category_paths()
    {
        var input = SourceFiles.WriteFolder(_temp, "kuairand", SourceFiles.KuaiRand());
        var captions = _temp.Write("captions.csv", SourceFiles.Lines(
            "video_id,caption,first_level_category_name,second_level_category_name,third_level_category_name",
            "100,\"Cat jumps, twice\",Pets,Cats,UNKNOWN",
            "101,Cooking noodles,Food,,"));
        var output = _temp.PathOf("data.conrec");

        await Conrec.RunOkAsync("data", "import", "--format", "kuairand", "--input", input, "--captions", captions, "--out", output);

        var items = DatasetFile.Read(output).Items;
        var ids = items.ExternalIds.ToList();
        Assert.Equal("Cat jumps, twice", items.Titles[ids.IndexOf("100")]);
        Assert.Equal("Pets/Cats", items.CategoryPaths[ids.IndexOf("100")]);
        Assert.Equal("Food", items.CategoryPaths[ids.IndexOf("101")]);
        Assert.Equal("video 102", items.Titles[ids.IndexOf("102")]);
    }

    [Fact]
    public async Task An_embeddings_file_replaces_the_item_features()
    {
        var input = SourceFiles.WriteFolder(_temp, "ml-100k", SourceFiles.MovieLens100k());
        var vectors = _temp.Write("vectors.tsv", SourceFiles.Lines("1\t0.5 1 -1", "3\t0 0 2.25", "2\t-0.125 4 1e-3"));
        var output = _temp.PathOf("data.conrec");

        await Conrec.RunOkAsync("data", "import", "--format", "movielens", "--input", input, "--embeddings", vectors, "--out", output);

        var items = DatasetFile.Read(output).Items;
        Assert.Equal(3, items.FeatureDim);
        var ids = items.ExternalIds.ToList();
        Assert.Equal([0.5f, 1f, -1f], items.FeaturesOf(ids.IndexOf("1")).ToArray());
        Assert.Equal([-0.125f, 4f, 1e-3f], items.FeaturesOf(ids.IndexOf("2")).ToArray());
        Assert.Equal([0f, 0f, 2.25f], items.FeaturesOf(ids.IndexOf("3")).ToArray());
    }
}
