using Akka.Configuration;

namespace CoNRec.Cluster.Hocon;

/// <summary>
/// The HOCON files under hocon/ at the repository root, embedded in this assembly as
/// <c>CoNRec.Cluster.Hocon.{name}.conf</c> so every host and test reads the same text.
/// </summary>
public static class ConrecHocon
{
    const string ResourcePrefix = "CoNRec.Cluster.Hocon.";
    const string Extension = ".conf";

    /// <summary>The names that <see cref="Load"/> accepts ("serialization", "testing", ...).</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. typeof(ConrecHocon).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^Extension.Length])
            .Order(StringComparer.Ordinal)];

    /// <summary>The text of one embedded file.</summary>
    public static string Text(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        using var stream = typeof(ConrecHocon).Assembly.GetManifestResourceStream(ResourcePrefix + name + Extension)
            ?? throw new ArgumentException(
                $"No HOCON file '{name}' (known: {string.Join(", ", Names)}).", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The named files layered in order: a later file overrides an earlier one, so a profile goes last,
    /// e.g. <c>Load("serialization", "testing")</c>. Akka's own defaults still come from the ActorSystem.
    /// </summary>
    public static Config Load(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var config = Config.Empty;
        foreach (var name in names)
            config = ConfigurationFactory.ParseString(Text(name)).WithFallback(config);
        return config;
    }
}
