using System.Globalization;
using CoNRec.Core.Protocol;
using CoNRec.Model.Checkpoints;

namespace CoNRec.Cluster.DataPlane;

/// <summary>
/// A sealed folder over HTTP: its <c>manifest.json</c> first, checked against the reference's hash, then every file
/// the manifest lists, each against its own hash and size, into a partial folder renamed into place at the end.
/// </summary>
sealed class FolderDownload(HttpDownload download, Func<string> newPartialPath)
{
    public async Task RunAsync(Uri uri, ArtifactRef artifact, string target, CancellationToken cancellationToken)
    {
        var folderUri = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        var partial = newPartialPath();
        Directory.CreateDirectory(partial);
        try
        {
            var manifestUri = new Uri(folderUri, AtomicFolder.ManifestFile);
            var manifestPath = Path.Combine(partial, AtomicFolder.ManifestFile);
            await download.ToFileAsync(manifestUri, artifact.Sha256, null, manifestPath, cancellationToken).ConfigureAwait(false);
            var manifest = ArtifactFetcher.ReadManifest(manifestPath, manifestUri);
            if (manifest.TotalBytes != artifact.Bytes)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{manifestUri}: lists {manifest.TotalBytes} bytes, the artifact has {artifact.Bytes}"));
            foreach (var entry in manifest.Files)
            {
                if (!ArtifactPaths.IsServable(entry.Name) || entry.Name == AtomicFolder.ManifestFile)
                    throw new InvalidDataException($"{manifestUri}: '{entry.Name}' is not a file name inside the folder");
                var file = Path.Combine(partial, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                await download.ToFileAsync(new Uri(folderUri, ArtifactPaths.Escape(entry.Name)), entry.Sha256, entry.Bytes, file, cancellationToken)
                    .ConfigureAwait(false);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try
            {
                Directory.Move(partial, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another process sharing the cache moved the same verified folder in first.
            }
        }
        finally
        {
            if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        }
    }
}
