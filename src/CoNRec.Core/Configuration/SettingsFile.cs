using System.Text.Json;
using System.Text.Json.Serialization;
using CoNRec.Core.Data;

namespace CoNRec.Core.Configuration;

/// <summary>
/// Reads a typed settings record from a JSON file: camelCase names, comments and trailing commas allowed,
/// unknown names refused (a typo must not silently fall back to a default), then validated. Every problem
/// becomes a <see cref="DataFileException"/> naming the file, and the line where the parser knows it.
/// </summary>
public static class SettingsFile
{
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <param name="what">What the file holds, for messages ("synthetic-world options").</param>
    /// <param name="validate">The record's own validation; its <see cref="ArgumentException"/> message names the setting.</param>
    public static T Load<T>(string path, string what, Action<T> validate) where T : class
    {
        if (!File.Exists(path)) throw new DataFileException(path, null, $"no such {what} file");
        T? settings;
        try
        {
            using var stream = File.OpenRead(path);
            settings = JsonSerializer.Deserialize<T>(stream, Json);
        }
        catch (JsonException e)
        {
            int? line = e.LineNumber is { } l ? checked((int)l + 1) : null;
            // The parser's own message ends with its 0-based position; the exception's line is the 1-based one.
            var message = e.Message.Split(" | LineNumber:", 2)[0];
            throw new DataFileException(path, line, $"invalid {what}: {message}", e);
        }
        if (settings is null) throw new DataFileException(path, 1, $"expected a JSON object of {what}, got null");
        try
        {
            validate(settings);
        }
        catch (ArgumentException e)
        {
            throw new DataFileException(path, null, e.Message, e);
        }
        return settings;
    }

    /// <summary>The settings as indented JSON in the format <see cref="Load{T}"/> reads.</summary>
    public static string ToJson<T>(T settings) => JsonSerializer.Serialize(settings, new JsonSerializerOptions(Json) { WriteIndented = true });
}
