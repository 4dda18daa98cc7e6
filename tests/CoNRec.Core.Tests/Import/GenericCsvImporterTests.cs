using CoNRec.Core.Data;
using CoNRec.Core.Import;

namespace CoNRec.Core.Tests.Import;

public sealed class GenericCsvImporterTests : IDisposable
{
    const string Items = "item_id,title,category\nk1,\"Chef's knife, 20 cm\",Home/Kitchen/Knives\nb7,Blender,Home/Kitchen\nx,Mystery box,\n";
    const string EventsHeader = "user_id,item_id,timestamp,kind,reason\n";
    readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Items_and_events_of_every_kind_are_read()
    {
        _folder.Write("items.csv", Items);
        _folder.Write("events.csv", EventsHeader +
            "alice,k1,1700000000,exposure,\n" +
            "alice,b7,2023-11-14T22:13:21Z,click,\n" +
            "bob,k1,1700000100,Positive,\n" +
            "bob,b7,1700000200,negative,not-interested\n" +
            "bob,x,1700000300,negative,\n" +
            "alice,x,2023-11-15T00:13:21+02:00,negative,seen_too_often\n");

        var dataset = GenericCsvImporter.Import(_folder.Root);

        Assert.Equal(Path.GetFileName(_folder.Root), dataset.Name);
        Assert.Equal(["alice", "bob"], dataset.UserExternalIds);
        Assert.Equal(["Chef's knife, 20 cm", "Blender", "Mystery box"], dataset.Items.Titles);
        Assert.Equal(["Home/Kitchen/Knives", "Home/Kitchen", ""], dataset.Items.CategoryPaths);
        Assert.Equal(
            [
                ("alice", "k1", 1700000000L, FeedbackKind.Exposure, NegativeReason.None),
                ("alice", "b7", 1700000001L, FeedbackKind.Click, NegativeReason.None),
                ("alice", "x", 1700000001L, FeedbackKind.Negative, NegativeReason.SeenTooOften),
                ("bob", "k1", 1700000100L, FeedbackKind.Positive, NegativeReason.None),
                ("bob", "b7", 1700000200L, FeedbackKind.Negative, NegativeReason.NotInterested),
                ("bob", "x", 1700000300L, FeedbackKind.Negative, NegativeReason.Unspecified),
            ],
            ImportAssert.Events(dataset));
    }

    [Fact]
    public void The_reason_column_may_be_left_out_and_dates_alone_are_midnight_utc()
    {
        _folder.Write("items.csv", Items);
        _folder.Write("events.csv", "kind,item_id,user_id,timestamp\nnegative,k1,u,2024-03-01\n");

        var dataset = GenericCsvImporter.Import(_folder.Root, new ImportOptions { Name = "shop" });

        Assert.Equal("shop", dataset.Name);
        Assert.Equal([("u", "k1", 1709251200L, FeedbackKind.Negative, NegativeReason.Unspecified)], ImportAssert.Events(dataset));
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData(EventsHeader, 2)]
    [InlineData(EventsHeader + "u,k1,1700000000,exposure,\nu,nope,1700000000,exposure,\n", 3)]
    [InlineData(EventsHeader + "u,k1,1700000000,dislike,\n", 2)]
    [InlineData(EventsHeader + "u,k1,1700000000,negative,too-pricey\n", 2)]
    [InlineData(EventsHeader + "u,k1,1700000000,click,not-interested\n", 2)]
    [InlineData(EventsHeader + "u,k1,tomorrow,click,\n", 2)]
    [InlineData(EventsHeader + "u,k1,-1,click,\n", 2)]
    [InlineData(EventsHeader + "u,k1,1969-12-31T23:59:59Z,click,\n", 2)]
    [InlineData(EventsHeader + "u,k1,1700000000,click\n", 2)]
    [InlineData(EventsHeader + ",k1,1700000000,click,\n", 2)]
    [InlineData("user_id,item_id,kind\nu,k1,click\n", 1)]
    public void Bad_events_are_reported_with_file_and_line(string events, int line)
    {
        _folder.Write("items.csv", Items);
        _folder.Write("events.csv", events);

        ImportAssert.FailsAt(() => GenericCsvImporter.Import(_folder.Root), "events.csv", line);
    }

    [Theory]
    [InlineData("item_id,title,category\na,A,\na,B,\n", 3)]
    [InlineData("item_id,title,category\na,A\n", 2)]
    [InlineData("item_id,title\na,A\n", 1)]
    [InlineData("item_id,title,category\n,A,\n", 2)]
    public void Bad_items_are_reported_with_file_and_line(string items, int line)
    {
        _folder.Write("items.csv", items);
        _folder.Write("events.csv", EventsHeader + "u,a,1700000000,click,\n");

        ImportAssert.FailsAt(() => GenericCsvImporter.Import(_folder.Root), "items.csv", line);
    }

    [Fact]
    public void A_missing_events_file_is_named()
    {
        _folder.Write("items.csv", Items);

        ImportAssert.FailsOnFile(() => GenericCsvImporter.Import(_folder.Root), "events.csv");
    }
}
