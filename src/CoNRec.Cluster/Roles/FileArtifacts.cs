using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;

namespace CoNRec.Cluster.Roles;

/// <summary>
/// The single-node data plane: artifacts are files or sealed folders on a volume every role can read, named by
/// file:// URIs. A file's sha256 is its content's; a sealed folder's (<see cref="AtomicFolder"/>) is its
/// manifest's, which lists every file's hash, so one hash still covers the whole folder. Artifacts served over
/// HTTP by another node are fetched and verified by <see cref="DataPlane.ArtifactFetcher"/>, which handles file://
/// with the methods here.
/// </summary>
public static class FileArtifacts
{
    public static ArtifactRef DescribeFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: no such artifact file", full);
        return new ArtifactRef(new Uri(full).AbsoluteUri, AtomicFolder.Sha256Of(full), new FileInfo(full).Length);
    }

    /// <summary>A folder written by <see cref="AtomicFolder.Write"/>; verified first.</summary>
    public static ArtifactRef DescribeFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        var manifest = AtomicFolder.Verify(full);
        return new ArtifactRef(new Uri(full).AbsoluteUri, AtomicFolder.Sha256Of(Path.Combine(full, AtomicFolder.ManifestFile)), manifest.TotalBytes);
    }

    /// <summary>The local path a file:// artifact names.</summary>
    /// <exception cref="NotSupportedException">Another scheme: this node cannot fetch it.</exception>
    public static string LocalPath(ArtifactRef artifact) => LocalPath(artifact.Uri);

    public static string LocalPath(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || !parsed.IsFile)
            throw new NotSupportedException($"artifact '{uri}' is not a file:// URI; fetch it with the data plane's ArtifactFetcher");
        return parsed.LocalPath;
    }

    /// <summary>The local path of a file artifact, after checking its sha256.</summary>
    /// <exception cref="InvalidDataException">The file's hash differs from the reference's (a torn copy, another version).</exception>
    public static string VerifiedFile(ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var path = LocalPath(artifact);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: artifact missing", path);
        var actual = AtomicFolder.Sha256Of(path);
        if (!actual.Equals(artifact.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: sha256 {actual} does not match the published {artifact.Sha256}");
        return path;
    }

    /// <summary>The local path of a sealed folder, after checking its manifest's sha256 and every file against the manifest.</summary>
    /// <exception cref="InvalidDataException">The manifest is another version, or a file is missing or differs.</exception>
    public static string VerifiedFolder(ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var path = LocalPath(artifact);
        AtomicFolder.Verify(path);
        var actual = AtomicFolder.Sha256Of(Path.Combine(path, AtomicFolder.ManifestFile));
        if (!actual.Equals(artifact.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: manifest sha256 {actual} does not match the published {artifact.Sha256}");
        return path;
    }
}
