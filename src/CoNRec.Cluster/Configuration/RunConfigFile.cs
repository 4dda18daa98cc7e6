using System.Text.Json;
using CoNRec.Core.Data;
using YamlDotNet.Core;

namespace CoNRec.Cluster.Configuration;

public enum RunConfigFormat
{
    Json,
    Yaml,
}

/// <summary>
/// Reads and writes run configs. JSON follows the settings-file conventions (camelCase, comments and trailing commas
/// allowed, unknown or repeated names refused); YAML is converted to the same JSON first, so both formats give the
/// same messages. Every problem is a <see cref="DataFileException"/> naming the file and, where known, the line.
/// </summary>
public static class RunConfigFile
{
    /// <summary>Reads, validates and returns the config; relative data, backbone and cache paths are resolved against the file's folder.</summary>
    /// <exception cref="DataFileException">The file is missing, unreadable as JSON/YAML, names an unknown setting, or a setting is invalid.</exception>
    public static RunConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var format = FormatOf(path) ?? throw new DataFileException(path, null, "a run config must be a .json, .yaml or .yml file");
        if (!File.Exists(path)) throw new DataFileException(path, null, "no such run config file");
        var config = Parse(File.ReadAllText(path), format, path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            Data = config.Data.ResolvedAgainst(folder), Policy = config.Policy.ResolvedAgainst(folder), DataPlane = config.DataPlane.ResolvedAgainst(folder),
        };
    }

    /// <summary>Reads and validates config text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="DataFileException">As <see cref="Load"/>.</exception>
    public static RunConfig Parse(string text, RunConfigFormat format, string source = "run config")
    {
        ArgumentNullException.ThrowIfNull(text);
        var (config, lines) = format == RunConfigFormat.Json ? ReadJson(text, source) : ReadYaml(text, source);
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            var message = SectionErrors.MessageOf(e);
            throw new DataFileException(source, lines().OfMessage(message), message, e);
        }
        return config;
    }

    /// <summary>Writes the config as JSON or YAML by the file's extension.</summary>
    public static void Save(RunConfig config, string path)
    {
        ArgumentNullException.ThrowIfNull(config);
        var format = FormatOf(path) ?? throw new ArgumentException($"a run config must be a .json, .yaml or .yml file (got '{path}')", nameof(path));
        File.WriteAllText(path, format == RunConfigFormat.Json ? config.ToJson() : config.ToYaml());
    }

    public static RunConfigFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => RunConfigFormat.Json,
        ".yaml" or ".yml" => RunConfigFormat.Yaml,
        _ => null,
    };

    static (RunConfig, Func<SettingLines>) ReadJson(string text, string source)
    {
        try
        {
            return (Deserialize(text, RunConfigJson.Options, source), () => SettingLines.OfJson(text));
        }
        catch (JsonException e)
        {
            throw new DataFileException(source, e.LineNumber is { } line ? checked((int)line + 1) : null, JsonErrors.Describe(e), e);
        }
    }

    static (RunConfig, Func<SettingLines>) ReadYaml(string text, string source)
    {
        YamlToJson converted;
        try
        {
            converted = YamlToJson.Convert(text);
        }
        catch (YamlException e)
        {
            throw new DataFileException(source, e.Start.Line > 0 ? (int)e.Start.Line : null, $"invalid YAML: {e.Message}", e);
        }
        try
        {
            return (Deserialize(converted.Json, RunConfigJson.YamlOptions, source), () => converted.Lines);
        }
        catch (JsonException e)
        {
            throw new DataFileException(source, e.LineNumber is { } line ? converted.YamlLineOf(line + 1) : null, JsonErrors.Describe(e), e);
        }
    }

    static RunConfig Deserialize(string json, JsonSerializerOptions options, string source) =>
        JsonSerializer.Deserialize<RunConfig>(json, options) ?? throw new DataFileException(source, 1, "expected an object of run settings, got null");
}
