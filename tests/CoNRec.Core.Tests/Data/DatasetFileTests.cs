using CoNRec.Core.Data;

namespace CoNRec.Core.Tests.Data;

public sealed class DatasetFileTests
{
    static readonly Dataset Sample = new DatasetBuilder("sample", 3).Also(b =>
    {
        b.AddItem("a", "Red Shoe", "Fashion/Shoes", [1f, 2f, 3f]);
        b.AddItem("b", "Blue Kettle ☕", "Home/Kitchen", [0.5f, -1f, 0f]);
        var u = b.User("user-1");
        var v = b.User("user-2");
        b.AddEvent(v, 0, 500, FeedbackKind.Positive);
        b.AddEvent(u, 1, 200, FeedbackKind.Negative, NegativeReason.SeenTooOften);
        b.AddEvent(u, 0, 100, FeedbackKind.Exposure);
    }).Build(new SyntheticTruth(["g0", "g1"], [0, 1], [[1, 0], []]));

    [Fact]
    public void A_written_dataset_reads_back_identically()
    {
        using var dir = new TempFolder();
        var path = dir.PathOf("d.conrec");

        DatasetFile.Write(Sample, path);
        var read = DatasetFile.Read(path);

        Assert.Equal("sample", read.Name);
        Assert.Equal(["user-1", "user-2"], read.UserExternalIds);
        Assert.Equal(["Red Shoe", "Blue Kettle ☕"], read.Items.Titles);
        Assert.Equal(["Fashion/Shoes", "Home/Kitchen"], read.Items.CategoryPaths);
        Assert.Equal(Sample.Items.Features.ToArray(), read.Items.Features.ToArray());
        Assert.Equal([100L, 200L, 500L], read.Events.Times.ToArray());
        Assert.Equal([FeedbackKind.Exposure, FeedbackKind.Negative, FeedbackKind.Positive], read.Events.Kinds.ToArray());
        Assert.Equal(NegativeReason.SeenTooOften, read.Events[1].Reason);
        Assert.Equal([0, 2, 3], read.Events.UserStart.ToArray());
        Assert.Equal([1, 0], read.Truth!.UserDislikedGroups[0]);
    }

    [Fact]
    public void Writing_twice_gives_the_same_bytes_and_leaves_no_temporary_file()
    {
        using var dir = new TempFolder();
        DatasetFile.Write(Sample, dir.PathOf("one.conrec"));
        DatasetFile.Write(Sample, dir.PathOf("two.conrec"));

        Assert.Equal(File.ReadAllBytes(dir.PathOf("one.conrec")), File.ReadAllBytes(dir.PathOf("two.conrec")));
        Assert.Equal(2, Directory.GetFiles(dir.Root).Length);
    }

    [Fact]
    public void A_truncated_file_is_refused_with_its_name()
    {
        using var dir = new TempFolder();
        var path = dir.PathOf("cut.conrec");
        DatasetFile.Write(Sample, path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<DataFileException>(() => DatasetFile.Read(path));

        Assert.Contains("cut.conrec", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello, this is not a dataset")]
    public void Empty_or_foreign_files_are_refused(string content)
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.conrec", content);

        var error = Assert.Throws<DataFileException>(() => DatasetFile.Read(path));

        Assert.Contains("bad.conrec", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<DataFileException>(() => DatasetFile.Read("/nonexistent/x.conrec"));
        Assert.Contains("/nonexistent/x.conrec", error.Message);
    }

    [Fact]
    public void Cleaning_turns_non_interest_negatives_into_exposures()
    {
        var cleaned = NegativeCleaning.KeepInterestRelated(Sample);

        Assert.Equal(FeedbackKind.Exposure, cleaned.Events[1].Kind);
        Assert.Equal(FeedbackKind.Negative, Sample.Events[1].Kind);
        Assert.Same(cleaned, NegativeCleaning.KeepInterestRelated(cleaned));
    }
}

static class BuilderExtensions
{
    public static DatasetBuilder Also(this DatasetBuilder builder, Action<DatasetBuilder> configure)
    {
        configure(builder);
        return builder;
    }
}
