namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// Which relative paths the data plane serves and publishes: '/'-separated segments, none empty, "." or "..",
/// none hidden (a leading '.': folders being written, the fetch cache), no backslash, colon or encoded slash.
/// The server checks requests with it and the publisher refuses to describe what the server would refuse.
/// </summary>
static class ArtifactPaths
{
    /// <param name="path">A request path (decoded, as Kestrel hands it over, leading '/' allowed).</param>
    public static bool IsServable(string path)
    {
        // Kestrel decodes every escape except %2F; an encoded slash or backslash must not make a segment.
        if (path.Contains("%2F", StringComparison.OrdinalIgnoreCase) || path.Contains("%5C", StringComparison.OrdinalIgnoreCase)) return false;
        var segments = path.TrimStart('/').Split('/');
        return segments.Length > 0 && segments.All(IsServableSegment);
    }

    static bool IsServableSegment(string segment) =>
        segment.Length > 0 && segment[0] != '.' && segment.IndexOfAny(['\\', ':', '\0']) < 0;

    /// <summary>The URI-escaped form of a relative path, '/'-separated.</summary>
    public static string Escape(string relativePath) =>
        string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
}
