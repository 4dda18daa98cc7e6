using System.Globalization;
using CoNRec.Core.Data;
using CoNRec.Core.Features;

namespace CoNRec.Core.Import;

/// <summary>
/// KuaiRand (Kuaishou short videos): one or more <c>log_standard_*.csv</c> files whose header holds at least
/// user_id, video_id, time_ms, is_click, is_like, is_follow, is_forward, is_hate and long_view (any order; other
/// columns, is_comment included, are ignored). Each row becomes one event:
/// is_hate = 1 -> Negative (reason Unspecified); else any of is_like, is_follow, is_forward, long_view = 1 ->
/// Positive; else is_click = 1 -> Click; else Exposure. time_ms is rounded down to seconds.
/// Items are the distinct video_ids of the logs, in order of first appearance; titles and category paths come
/// from an optional captions file (see <see cref="KuaiRandCaptions"/>), else "video &lt;id&gt;" and "kuairand".
/// </summary>
public static class KuaiRandImporter
{
    public const string LogPattern = "log_standard_*.csv";
    public const string DefaultCategory = "kuairand";
    static readonly string[] PositiveColumns = ["is_like", "is_follow", "is_forward", "long_view"];

    public static string DefaultTitle(long videoId) => "video " + videoId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Imports every <c>log_standard_*.csv</c> of the folder, in file-name order.</summary>
    public static Dataset Import(string folder, ImportOptions? options = null, string? captionsPath = null)
    {
        if (!Directory.Exists(folder)) throw new DataFileException(folder, null, "no such folder");
        var logs = Directory.GetFiles(folder, LogPattern);
        if (logs.Length == 0) throw new DataFileException(folder, null, $"no {LogPattern} files in the folder");
        Array.Sort(logs, StringComparer.Ordinal);
        return ImportFiles(logs, captionsPath, options);
    }

    public static Dataset ImportFiles(IReadOnlyList<string> logPaths, string? captionsPath, ImportOptions? options = null)
    {
        options ??= new ImportOptions();
        options.Validate();
        if (logPaths.Count == 0) throw new ArgumentException("no KuaiRand log files given", nameof(logPaths));
        var captions = captionsPath is null ? [] : KuaiRandCaptions.Read(captionsPath);
        var builder = new DatasetBuilder(options.NameOr("kuairand"), options.FeatureDimension);
        var ids = new NumericIds(builder);
        var featurizer = options.Featurizer();
        foreach (var path in logPaths) ReadLog(path, ids, captions, featurizer);
        return builder.Build();
    }

    static void ReadLog(string path, NumericIds ids, Dictionary<long, VideoText> captions, TextFeaturizer featurizer)
    {
        using var csv = CsvReader.Open(path);
        var userColumn = csv.RequireColumn("user_id");
        var videoColumn = csv.RequireColumn("video_id");
        var timeColumn = csv.RequireColumn("time_ms");
        var clickColumn = csv.RequireColumn("is_click");
        var hateColumn = csv.RequireColumn("is_hate");
        var positiveColumns = new int[PositiveColumns.Length];
        for (var i = 0; i < positiveColumns.Length; i++) positiveColumns[i] = csv.RequireColumn(PositiveColumns[i]);
        while (csv.Read())
        {
            var user = ids.User(FieldParser.Integer(csv.Field(userColumn), "user_id", csv));
            var video = FieldParser.Integer(csv.Field(videoColumn), "video_id", csv);
            var time = FieldParser.SecondsFromMilliseconds(csv.Field(timeColumn), "time_ms", csv);
            var kind = KindOf(csv, hateColumn, positiveColumns, clickColumn);
            if (!ids.TryGetItem(video, out var item))
            {
                var text = captions.TryGetValue(video, out var known) ? known : new VideoText(DefaultTitle(video), DefaultCategory);
                item = ids.AddItem(video, text.Title, text.CategoryPath, featurizer.Featurize(text.Title, text.CategoryPath), csv);
            }
            ids.Builder.AddEvent(user, item, time, kind, kind == FeedbackKind.Negative ? NegativeReason.Unspecified : NegativeReason.None);
        }
        csv.RequireRows();
    }

    /// <summary>Reads every flag (so a bad value is reported whatever the others say), then applies the precedence above.</summary>
    static FeedbackKind KindOf(CsvReader csv, int hateColumn, int[] positiveColumns, int clickColumn)
    {
        var hate = FieldParser.Flag(csv.Field(hateColumn), "is_hate", csv);
        var positive = false;
        for (var i = 0; i < positiveColumns.Length; i++)
            positive |= FieldParser.Flag(csv.Field(positiveColumns[i]), PositiveColumns[i], csv);
        var click = FieldParser.Flag(csv.Field(clickColumn), "is_click", csv);
        return hate ? FeedbackKind.Negative
            : positive ? FeedbackKind.Positive
            : click ? FeedbackKind.Click
            : FeedbackKind.Exposure;
    }
}
