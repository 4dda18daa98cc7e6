using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class KuaiRandImporterTests : IDisposable
{
    const string Header = "user_id,video_id,date,hourmin,time_ms,is_click,is_like,is_follow,is_comment,is_forward,is_hate,long_view,play_time_ms\n";
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A log row; flags in header order: click, like, follow, comment, forward, hate, long_view.</summary>
    static string Row(int user, int video, long timeMs, string flags) =>
        $"{user},{video},20220408,1600,{timeMs},{string.Join(',', flags.ToCharArray())},1234\n";

    [Fact]
    public void Flags_map_to_kinds_with_hate_first_then_positive_then_click()
    {
        _folder.Write("log_standard_4_08_to_4_21_pure.csv", Header +
            Row(0, 100, 1649412412347, "1100010") +
            Row(0, 101, 1649412413000, "1100000") +
            Row(0, 102, 1649412414999, "1000000") +
            Row(0, 103, 1649412415000, "0000000") +
            Row(1, 100, 1649412416000, "0010000") +
            Row(1, 104, 1649412417000, "0000001") +
            Row(1, 105, 1649412418000, "0001000") +
            Row(1, 106, 1649412419000, "0000100"));

        var dataset = KuaiRandImporter.Import(_folder.Root);

        Assert.Equal(2, dataset.UserCount);
        Assert.Equal(7, dataset.Items.Count);
        Assert.Equal(
            [
                ("0", "100", 1649412412L, FeedbackKind.Negative, NegativeReason.Unspecified),
                ("0", "101", 1649412413L, FeedbackKind.Positive, NegativeReason.None),
                ("0", "102", 1649412414L, FeedbackKind.Click, NegativeReason.None),
                ("0", "103", 1649412415L, FeedbackKind.Exposure, NegativeReason.None),
                ("1", "100", 1649412416L, FeedbackKind.Positive, NegativeReason.None),
                ("1", "104", 1649412417L, FeedbackKind.Positive, NegativeReason.None),
                ("1", "105", 1649412418L, FeedbackKind.Exposure, NegativeReason.None),
                ("1", "106", 1649412419L, FeedbackKind.Positive, NegativeReason.None),
            ],
            ImportAssert.Events(dataset));
    }

    [Fact]
    public void Several_logs_with_other_column_orders_are_read_in_name_order()
    {
        _folder.Write("log_standard_b.csv", "is_hate,long_view,is_forward,is_follow,is_like,is_click,time_ms,video_id,user_id\n0,0,0,0,0,1,2000,7,5\n");
        _folder.Write("log_standard_a.csv", Header + Row(5, 8, 1000, "0000000"));
        _folder.Write("log_random_a.csv", Header + Row(9, 9, 1000, "0000000"));

        var dataset = KuaiRandImporter.Import(_folder.Root);

        Assert.Equal(["8", "7"], dataset.Items.ExternalIds);
        Assert.Equal(
            [("5", "8", 1L, FeedbackKind.Exposure, NegativeReason.None), ("5", "7", 2L, FeedbackKind.Click, NegativeReason.None)],
            ImportAssert.Events(dataset));
    }

    [Fact]
    public void Captions_give_titles_and_category_paths()
    {
        var log = _folder.Write("log_standard_x.csv", Header + Row(0, 1, 1000, "1000000") + Row(0, 2, 2000, "1000000") + Row(0, 3, 3000, "1000000"));
        var captions = _folder.Write("captions.csv",
            "video_id,manual_cover_text,caption,first_level_category_name,second_level_category_name\n" +
            "1,UNKNOWN,\"猫咪, 日常\",宠物,UNKNOWN\n" +
            "2,x,\"line one\nline \"\"two\"\"\",Food,Noodles\n" +
            "9,x,never seen,Sport,\n");

        var dataset = KuaiRandImporter.ImportFiles([log], captions);

        Assert.Equal(["猫咪, 日常", "line one\nline \"two\"", "video 3"], dataset.Items.Titles);
        Assert.Equal(["宠物", "Food/Noodles", "kuairand"], dataset.Items.CategoryPaths);
    }

    [Fact]
    public void A_folder_without_logs_is_refused() =>
        ImportAssert.FailsOnFile(() => KuaiRandImporter.Import(_folder.Root), _folder.Root);

    [Theory]
    [InlineData("user_id,video_id,time_ms,is_click\n1,2,3,0\n", 1)]
    [InlineData(Header + "1,2,20220408,1600,1000,0,0,0,0,0,0,0\n", 2)]
    [InlineData(Header + "1,v2,20220408,1600,1000,0,0,0,0,0,0,0,5\n", 2)]
    [InlineData(Header + "u1,2,20220408,1600,1000,0,0,0,0,0,0,0,5\n", 2)]
    [InlineData(Header + "1,2,20220408,1600,soon,0,0,0,0,0,0,0,5\n", 2)]
    [InlineData(Header + "1,2,20220408,1600,-1000,0,0,0,0,0,0,0,5\n", 2)]
    [InlineData(Header + "1,2,20220408,1600,1000,0,0,0,0,0,yes,0,5\n", 2)]
    [InlineData(Header, 2)]
    [InlineData("", 1)]
    public void Bad_logs_are_reported_with_file_and_line(string log, int line)
    {
        _folder.Write("log_standard_bad.csv", log);

        ImportAssert.FailsAt(() => KuaiRandImporter.Import(_folder.Root), "log_standard_bad.csv", line);
    }

    [Fact]
    public void A_caption_listed_twice_is_refused()
    {
        _folder.Write("log_standard_x.csv", Header + Row(0, 1, 1000, "1000000"));
        var captions = _folder.Write("captions.csv", "video_id,caption\n1,a\n1,b\n");

        ImportAssert.FailsAt(() => KuaiRandImporter.Import(_folder.Root, captionsPath: captions), "captions.csv", 3);
    }
}
