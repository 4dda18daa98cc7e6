using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>Reads the events.csv of <see cref="GenericCsvImporter"/>, looking ids up by span so rows make no strings.</summary>
internal static class GenericCsvEvents
{
    public static void Read(string path, DatasetBuilder builder, Dictionary<string, int> items)
    {
        var itemLookup = items.GetAlternateLookup<ReadOnlySpan<char>>();
        var users = new Dictionary<string, int>(StringComparer.Ordinal);
        var userLookup = users.GetAlternateLookup<ReadOnlySpan<char>>();
        using var csv = CsvReader.Open(path);
        var userColumn = csv.RequireColumn("user_id");
        var itemColumn = csv.RequireColumn("item_id");
        var timeColumn = csv.RequireColumn("timestamp");
        var kindColumn = csv.RequireColumn("kind");
        var reasonColumn = csv.Column("reason");
        while (csv.Read())
        {
            var userId = csv.Field(userColumn);
            if (userId.IsEmpty) throw csv.Error("user_id is empty");
            if (!userLookup.TryGetValue(userId, out var user))
            {
                var id = userId.ToString();
                user = builder.User(id);
                users.Add(id, user);
            }
            if (!itemLookup.TryGetValue(csv.Field(itemColumn), out var item))
                throw csv.Error($"item_id '{FieldParser.Shorten(csv.Field(itemColumn))}' is not listed in {GenericCsvImporter.ItemsFile}");
            var time = TimestampText.Parse(csv.Field(timeColumn), "timestamp", csv);
            var kind = Kind(csv.Field(kindColumn), csv);
            var reason = reasonColumn < 0 ? NegativeReason.None : Reason(csv.Field(reasonColumn), kind, csv);
            builder.AddEvent(user, item, time, kind, reason);
        }
        csv.RequireRows();
    }

    static FeedbackKind Kind(ReadOnlySpan<char> text, CsvReader at) =>
        text.Equals("exposure", StringComparison.OrdinalIgnoreCase) ? FeedbackKind.Exposure
        : text.Equals("click", StringComparison.OrdinalIgnoreCase) ? FeedbackKind.Click
        : text.Equals("positive", StringComparison.OrdinalIgnoreCase) ? FeedbackKind.Positive
        : text.Equals("negative", StringComparison.OrdinalIgnoreCase) ? FeedbackKind.Negative
        : throw at.Error($"kind '{FieldParser.Shorten(text)}' is not one of exposure, click, positive, negative");

    static NegativeReason Reason(ReadOnlySpan<char> text, FeedbackKind kind, CsvReader at)
    {
        if (text.IsEmpty) return NegativeReason.None;
        if (kind != FeedbackKind.Negative) throw at.Error($"reason '{FieldParser.Shorten(text)}' given on a {kind.ToString().ToLowerInvariant()} event; reasons are for negatives only");
        if (NegativeReasons.TryParse(text.ToString(), out var reason)) return reason;
        var known = string.Join(", ", Enum.GetValues<NegativeReason>().Where(r => r != NegativeReason.None).Select(NegativeReasons.Name));
        throw at.Error($"reason '{FieldParser.Shorten(text)}' is not one of {known}");
    }
}
