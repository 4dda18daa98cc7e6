using System.Globalization;
using System.Reflection;

namespace CoNRec.Storage.Migrations;

/// <summary>The migration files embedded in this assembly, per store kind, in version order.</summary>
static class MigrationCatalog
{
    static readonly Lazy<IReadOnlyList<Migration>> SqliteMigrations = new(() => Load("sqlite"));
    static readonly Lazy<IReadOnlyList<Migration>> PostgresMigrations = new(() => Load("postgres"));

    public static IReadOnlyList<Migration> For(StoreKind kind) => kind switch
    {
        StoreKind.Sqlite => SqliteMigrations.Value,
        StoreKind.Postgres => PostgresMigrations.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static int LatestVersion(StoreKind kind) => For(kind)[^1].Version;

    static IReadOnlyList<Migration> Load(string folder)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{folder}.";
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
                continue;
            var fileName = resource[prefix.Length..^".sql".Length];
            migrations.Add(new Migration(VersionOf(fileName, resource), fileName[5..], Read(assembly, resource)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            // Versions are 1, 2, 3...: a gap or a duplicate is a packaging mistake worth failing on.
            if (migrations[i].Version != i + 1)
                throw new InvalidOperationException($"{folder} migrations must be numbered 0001, 0002, ... without gaps (found {migrations[i]})");
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException($"no {folder} migrations are embedded in {assembly.GetName().Name}");
    }

    static int VersionOf(string fileName, string resource) =>
        fileName.Length > 5 && fileName[4] == '_' && int.TryParse(fileName.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InvalidOperationException($"migration resource {resource} is not named NNNN_name.sql");

    static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
