using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>
/// The generic CSV format, for any behaviour log (full description in docs/generic-csv.md). Both files are
/// UTF-8 CSV (RFC 4180: fields with commas, quotes or line breaks are quoted, quotes doubled), with a header
/// row; columns are found by name (case-insensitive, any order, extra columns ignored); blank lines skipped.
/// <list type="bullet">
/// <item><c>items.csv</c>: <c>item_id,title,category</c>. item_id is any non-empty text, unique; category is a
/// '/'-separated path, coarse to fine ("Home/Kitchen/Knives"), may be empty.</item>
/// <item><c>events.csv</c>: <c>user_id,item_id,timestamp,kind,reason</c>. user_id is any non-empty text;
/// item_id must be listed in items.csv; timestamp is whole Unix seconds or an ISO-8601 date-time (UTC unless
/// it carries an offset); kind is exposure, click, positive or negative; reason (column optional, value may
/// be empty) names a <see cref="NegativeReason"/> (e.g. not-interested, seen-too-often) and is allowed only on
/// negative events; an empty reason on a negative means unspecified.</item>
/// </list>
/// Items get <see cref="Features.TextFeaturizer"/> vectors of their title and category.
/// </summary>
public static class GenericCsvImporter
{
    public const string ItemsFile = "items.csv";
    public const string EventsFile = "events.csv";

    public static Dataset Import(string folder, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        if (!Directory.Exists(folder)) throw new DataFileException(folder, null, "no such folder");
        return ImportFiles(Path.Combine(folder, ItemsFile), Path.Combine(folder, EventsFile),
            options with { Name = options.NameOr(ImportOptions.FolderName(folder)) });
    }

    public static Dataset ImportFiles(string itemsPath, string eventsPath, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        options.Validate();
        var builder = new DatasetBuilder(options.NameOr(ImportOptions.FolderName(Path.GetDirectoryName(Path.GetFullPath(eventsPath))!)), options.FeatureDimension);
        var items = ReadItems(itemsPath, builder, options);
        GenericCsvEvents.Read(eventsPath, builder, items);
        return builder.Build();
    }

    static Dictionary<string, int> ReadItems(string path, DatasetBuilder builder, ImportOptions options)
    {
        var featurizer = options.Featurizer();
        var items = new Dictionary<string, int>(StringComparer.Ordinal);
        using var csv = CsvReader.Open(path);
        var idColumn = csv.RequireColumn("item_id");
        var titleColumn = csv.RequireColumn("title");
        var categoryColumn = csv.RequireColumn("category");
        while (csv.Read())
        {
            var id = csv.Field(idColumn).ToString();
            if (id.Length == 0) throw csv.Error("item_id is empty");
            if (items.ContainsKey(id)) throw csv.Error($"item_id '{FieldParser.Shorten(id)}' appears twice");
            var title = csv.Text(titleColumn).Trim();
            var category = csv.Text(categoryColumn).Trim();
            items.Add(id, builder.AddItem(id, title, category, featurizer.Featurize(title, category)));
        }
        csv.RequireRows();
        return items;
    }
}
