using System.Net;

namespace CoNRec.Cluster.DataPlane;

/// <summary>An artifact could not be fetched (HTTP error, refused connection, stalled transfer); names the URI.</summary>
/// <remarks>A fetched artifact whose hash or size differs from the reference's is an <see cref="InvalidDataException"/>.</remarks>
public sealed class ArtifactFetchException : IOException
{
    public ArtifactFetchException(string uri, string message, HttpStatusCode? statusCode = null, bool isTransient = false, Exception? inner = null)
        : base(message, inner) => (Uri, StatusCode, IsTransient) = (uri, statusCode, isTransient);

    public ArtifactFetchException() : this("", "artifact fetch failed") { }

    public ArtifactFetchException(string message) : this("", message) { }

    public ArtifactFetchException(string message, Exception inner) : this("", message, inner: inner) { }

    public string Uri { get; }

    /// <summary>The server's status, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Worth another attempt: the peer may come back (5xx, 408, 429, connection failures, stalls).</summary>
    public bool IsTransient { get; }
}
