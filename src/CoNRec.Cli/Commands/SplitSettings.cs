using System.CommandLine;
using System.Globalization;
using CoNRec.Core.Data;
using CoNRec.Core.Evaluation;

namespace CoNRec.Cli.Commands;

/// <summary>The options shared by every command that cuts a dataset into history and targets.</summary>
public sealed class SplitSettings
{
    readonly Option<string> _mode = new("--split") { Description = "global (one t0 for all users, the paper's protocol) or per-user (each timeline cut at --anchor-fraction)", DefaultValueFactory = _ => "global" };
    readonly Option<string?> _t0 = new("--t0") { Description = "global cut: Unix seconds or an ISO-8601 UTC time (default: last event minus the window)" };
    readonly Option<double> _window = new("--window-days") { Description = "target window W in days", DefaultValueFactory = _ => 7 };
    readonly Option<double> _fraction = new("--anchor-fraction") { Description = "per-user split: share of each user's events kept as history", DefaultValueFactory = _ => 0.8 };
    readonly Option<bool> _includeSeen = new("--include-seen") { Description = "also rank items the user gave feedback on before the anchor" };
    readonly Option<bool> _keepAllReasons = new("--keep-all-reasons") { Description = "keep negatives of every reason (default: only interest-related ones)" };

    public void AddTo(Command command)
    {
        command.Add(_mode);
        command.Add(_t0);
        command.Add(_window);
        command.Add(_fraction);
        command.Add(_includeSeen);
        command.Add(_keepAllReasons);
    }

    public bool KeepAllReasons(ParseResult result) => result.GetValue(_keepAllReasons);

    public SplitOptions Read(ParseResult result) => new()
    {
        Mode = result.GetValue(_mode)?.Trim().ToLowerInvariant() switch
        {
            "global" => SplitMode.GlobalTime,
            "per-user" => SplitMode.PerUserAnchor,
            var other => throw new BadInputException($"--split must be 'global' or 'per-user' (got '{other}')"),
        },
        T0 = result.GetValue(_t0) is { } text ? ParseTime("--t0", text) : null,
        WindowDays = result.GetValue(_window),
        AnchorFraction = result.GetValue(_fraction),
        ExcludeSeenItems = !result.GetValue(_includeSeen),
    };

    /// <summary>Loads a dataset and applies the cleaning the options ask for.</summary>
    public Dataset Load(ParseResult result, string path)
    {
        var dataset = DatasetFile.Read(path);
        return KeepAllReasons(result) ? dataset : NegativeCleaning.KeepInterestRelated(dataset);
    }

    /// <summary>Unix seconds, or an ISO-8601 time (UTC unless it says otherwise).</summary>
    public static long ParseTime(string setting, string text)
    {
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return seconds;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUnixTimeSeconds();
        throw new BadInputException($"{setting}: '{text}' is neither Unix seconds nor an ISO-8601 time");
    }
}
