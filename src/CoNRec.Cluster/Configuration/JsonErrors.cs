using System.Text.Json;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Configuration;

/// <summary>System.Text.Json's messages in settings terms: "unknown setting grpo.clipLo", "grpo.groupSize: expected a whole number".</summary>
internal static partial class JsonErrors
{
    public static string Describe(JsonException e)
    {
        var setting = SettingOf(e.Path);
        var message = e.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return Hints.TryGetValue(setting, out var hint) ? $"unknown setting {setting}: {hint}" : $"unknown setting {setting}";
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
            return $"{setting} is given twice";
        if (NotConvertible().Match(message) is { Success: true } match && setting.Length > 0)
            return $"{setting}: expected {Expected(match.Groups["type"].Value)}";
        // A syntax error: the parser's text without its position suffix (the line is reported separately).
        var text = message.Split(" Path: ", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd(' ', '|');
        return setting.Length > 0 ? $"invalid JSON at {setting}: {text}" : $"invalid JSON: {text}";
    }

    // Settings of the reused records that a run config places elsewhere.
    static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["grpo.beta"] = "beta is set per stage, as curriculum.stages[i].beta",
        ["grpo.normalizeAdvantageByStd"] = "use grpo.advantageEstimator (groupNormalized or groupMeanOnly)",
    };

    /// <summary>"$.grpo.clipLow" -> "grpo.clipLow"; "$" -> "".</summary>
    static string SettingOf(string? path) => path is null or "$" ? "" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    static string Expected(string typeName)
    {
        var inner = Nullable().Match(typeName) is { Success: true } m ? m.Groups["type"].Value : typeName;
        return inner switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            "System.String" => "text",
            _ when FindEnum(inner) is { } type => "one of " + string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName)),
            _ when inner.Contains("List", StringComparison.Ordinal) || inner.EndsWith("[]", StringComparison.Ordinal) => "a list",
            _ => "an object of settings",
        };
    }

    static Type? FindEnum(string name) =>
        AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is { IsEnum: true });

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>[^ ]+?)\.(?: Path:|$)")]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"^System\.Nullable`1\[(?<type>.+)\]$")]
    private static partial Regex Nullable();
}
