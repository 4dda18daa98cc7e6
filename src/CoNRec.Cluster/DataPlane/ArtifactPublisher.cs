using CoNRec.Cluster.Roles;
using CoNRec.Core.Protocol;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// Names a local file or sealed folder as an <see cref="ArtifactRef"/> other nodes can fetch: an http:// URI on
/// this node's <see cref="ArtifactServer"/>, or a file:// URI when the data plane is a shared directory every node
/// mounts. The sha256 and size are the same either way (a folder's hash is its manifest's).
/// </summary>
public sealed class ArtifactPublisher
{
    readonly string? _root;
    readonly Uri? _baseUri;

    ArtifactPublisher(string? root, Uri? baseUri) => (_root, _baseUri) = (root, baseUri);

    /// <summary>file:// URIs: every node reads the same volume.</summary>
    public static ArtifactPublisher SharedDirectory { get; } = new(null, null);

    /// <summary>http:// URIs on a server that serves <paramref name="root"/> at <paramref name="baseUri"/>.</summary>
    public static ArtifactPublisher Http(string root, Uri baseUri)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(baseUri);
        if (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException($"data plane base URI '{baseUri}' is not http(s)", nameof(baseUri));
        var withSlash = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
        return new ArtifactPublisher(Path.GetFullPath(root), withSlash);
    }

    public bool IsHttp => _baseUri is not null;

    /// <summary>A file, hashed now.</summary>
    /// <exception cref="ArgumentException">Served over HTTP, and the file is outside the root or hidden.</exception>
    public ArtifactRef DescribeFile(string path)
    {
        var local = FileArtifacts.DescribeFile(path);
        return _baseUri is null ? local : local with { Uri = UriOf(FileArtifacts.LocalPath(local), folder: false) };
    }

    /// <summary>A folder sealed by <see cref="Model.Checkpoints.AtomicFolder"/>, verified now; its URI ends in '/'.</summary>
    public ArtifactRef DescribeFolder(string folder)
    {
        var local = FileArtifacts.DescribeFolder(folder);
        return _baseUri is null ? local : local with { Uri = UriOf(FileArtifacts.LocalPath(local), folder: true) };
    }

    /// <summary>
    /// The local file or folder behind a URI this node publishes, for the owner's clean-up (retiring a checkpoint):
    /// a file:// URI's path; an http(s):// URI with this publisher's scheme and host and a path under its base, the
    /// same path under the root. The port is not compared: with port 0 a resumed run serves the same files on another
    /// port. Null when another node owns the URI (or it names nothing this node would serve).
    /// </summary>
    public string? LocalPathOf(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)) return null;
        if (parsed.IsFile) return parsed.LocalPath;
        if (_baseUri is null || parsed.Scheme != _baseUri.Scheme || !parsed.Host.Equals(_baseUri.Host, StringComparison.OrdinalIgnoreCase)) return null;
        if (!parsed.AbsolutePath.StartsWith(_baseUri.AbsolutePath, StringComparison.Ordinal)) return null;
        var relative = Uri.UnescapeDataString(parsed.AbsolutePath[_baseUri.AbsolutePath.Length..].TrimEnd('/'));
        if (relative.Length == 0 || !ArtifactPaths.IsServable(relative)) return null;
        return Path.Combine(_root!, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    string UriOf(string fullPath, bool folder)
    {
        var relative = Path.GetRelativePath(_root!, fullPath).Replace('\\', '/');
        if (relative == "." || relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative))
            throw new ArgumentException($"{fullPath} is outside the data plane root {_root}: the server cannot serve it");
        if (!ArtifactPaths.IsServable(relative))
            throw new ArgumentException($"{fullPath}: the data plane does not serve hidden paths or names with '\\' or ':' ({relative})");
        return new Uri(_baseUri!, ArtifactPaths.Escape(relative) + (folder ? "/" : "")).AbsoluteUri;
    }
}
