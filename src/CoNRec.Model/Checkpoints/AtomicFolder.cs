using System.Security.Cryptography;
using System.Text.Json;

namespace CoNRec.Model.Checkpoints;

/// <summary>
/// Writes a folder of artifacts all-or-nothing: the contents go to a hidden temporary sibling, every file is
/// hashed into <c>manifest.json</c> (sha256 and size) and fsynced, and only then is the folder renamed into
/// place. A crash leaves either the previous folder or the new one, never a mix. <see cref="Verify"/> refuses a
/// folder whose files are missing or do not match their hashes.
/// </summary>
public static class AtomicFolder
{
    public const string ManifestFile = "manifest.json";

    /// <summary>Runs <paramref name="writeContents"/> on a temporary folder, seals it and moves it to <paramref name="target"/> (replacing it).</summary>
    public static Manifest Write(string target, Action<string> writeContents)
    {
        var full = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        try
        {
            writeContents(temp);
            var manifest = Seal(temp);
            if (Directory.Exists(full))
            {
                // Move the old folder aside first: Directory.Move does not replace.
                var old = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.old");
                Directory.Move(full, old);
                Directory.Move(temp, full);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, full);
            }
            return manifest;
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>Checks every file of the manifest exists with its size and sha256.</summary>
    /// <exception cref="InvalidDataException">The manifest or a file is missing, or a hash does not match; names the file.</exception>
    public static Manifest Verify(string folder)
    {
        var path = Path.Combine(folder, ManifestFile);
        if (!File.Exists(path)) throw new InvalidDataException($"{folder}: no {ManifestFile}; not a complete checkpoint");
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path)) ?? throw new InvalidDataException("empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: malformed manifest ({e.Message})", e);
        }
        foreach (var entry in manifest.Files)
        {
            var file = Path.Combine(folder, entry.Name);
            if (!File.Exists(file)) throw new InvalidDataException($"{file}: listed in the manifest but missing");
            var actual = Sha256Of(file);
            if (!actual.Equals(entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{file}: sha256 {actual} does not match the manifest's {entry.Sha256}");
        }
        return manifest;
    }

    public static string Sha256Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    static Manifest Seal(string folder)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != ManifestFile)
            .Order(StringComparer.Ordinal)
            .Select(name =>
            {
                var file = Path.Combine(folder, name);
                FlushToDisk(file);
                return new ManifestEntry(name, new FileInfo(file).Length, Sha256Of(file));
            })
            .ToArray();
        var manifest = new Manifest(files);
        var manifestPath = Path.Combine(folder, ManifestFile);
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }));
        FlushToDisk(manifestPath);
        return manifest;
    }

    static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        stream.Flush(flushToDisk: true);
    }
}

public sealed record ManifestEntry(string Name, long Bytes, string Sha256);

public sealed record Manifest(ManifestEntry[] Files)
{
    public long TotalBytes => Files.Sum(f => f.Bytes);
}
