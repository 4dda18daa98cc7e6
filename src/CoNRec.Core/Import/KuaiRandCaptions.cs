using CoNRec.Core.Data;

namespace CoNRec.Core.Import;

/// <summary>A video's title and category path, from an optional captions file.</summary>
internal readonly record struct VideoText(string Title, string CategoryPath);

/// <summary>
/// Reads a captions CSV (as KuaiRec's kuairec_caption_category.csv): a header with <c>video_id</c> and
/// <c>caption</c>, and optionally <c>first_level_category_name</c>, <c>second_level_category_name</c> and
/// <c>third_level_category_name</c>, joined coarse to fine into the category path (empty and "UNKNOWN"
/// levels skipped). Other columns are ignored; captions may be quoted and span lines.
/// </summary>
internal static class KuaiRandCaptions
{
    static readonly string[] CategoryColumns = ["first_level_category_name", "second_level_category_name", "third_level_category_name"];

    public static Dictionary<long, VideoText> Read(string path)
    {
        using var csv = CsvReader.Open(path);
        var idColumn = csv.RequireColumn("video_id");
        var captionColumn = csv.RequireColumn("caption");
        var levels = new List<int>();
        foreach (var name in CategoryColumns)
            if (csv.Column(name) is var column and >= 0) levels.Add(column);
        var videos = new Dictionary<long, VideoText>();
        var levelNames = new List<string>();
        while (csv.Read())
        {
            var id = FieldParser.Integer(csv.Field(idColumn), "video_id", csv);
            var caption = csv.Text(captionColumn).Trim();
            levelNames.Clear();
            foreach (var level in levels)
            {
                var name = csv.Text(level).Trim();
                if (name.Length > 0 && !name.Equals("UNKNOWN", StringComparison.OrdinalIgnoreCase)) levelNames.Add(name.Replace('/', '-'));
            }
            var text = new VideoText(caption.Length > 0 ? caption : KuaiRandImporter.DefaultTitle(id),
                levelNames.Count > 0 ? string.Join('/', levelNames) : KuaiRandImporter.DefaultCategory);
            if (!videos.TryAdd(id, text)) throw csv.Error($"video_id {id} appears twice");
        }
        return videos;
    }
}
