using System.Net;
using CoNRec.Cluster.DataPlane;
using CoNRec.Model.Checkpoints;

namespace CoNRec.Cluster.Tests.DataPlane;

public sealed class ArtifactFetcherTests
{
    [Fact]
    public async Task Fetched_file_is_byte_identical_and_cached_under_its_hash_with_its_name()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var bytes = LoopbackDataPlane.RandomBytes(2_500_000, seed: 3);
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("policies/v3.safetensors", bytes));

        var path = await plane.Fetcher.FetchFileAsync(artifact);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Equal($"files/{artifact.Sha256}/v3.safetensors", Assert.Single(plane.CachedFiles()));
    }

    [Fact]
    public async Task Forgetting_a_fetched_file_drops_its_cached_copy_and_leaves_file_uris_alone()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var old = plane.Server.Publisher.DescribeFile(plane.Write("policies/v1.safetensors", LoopbackDataPlane.RandomBytes(4096, seed: 6)));
        var current = plane.Server.Publisher.DescribeFile(plane.Write("policies/v2.safetensors", LoopbackDataPlane.RandomBytes(4096, seed: 7)));
        var shared = ArtifactPublisher.SharedDirectory.DescribeFile(Path.Combine(plane.Root, "policies", "v1.safetensors"));
        await plane.Fetcher.FetchFileAsync(old);
        await plane.Fetcher.FetchFileAsync(current);

        plane.Fetcher.Forget(old);
        plane.Fetcher.Forget(old);
        plane.Fetcher.Forget(shared);

        Assert.Equal([$"files/{current.Sha256}/v2.safetensors"], plane.CachedFiles());
        Assert.True(File.Exists(Path.Combine(plane.Root, "policies", "v1.safetensors")));
    }

    [Fact]
    public async Task Second_fetch_reuses_the_cached_copy_even_when_the_server_is_gone()
    {
        var plane = await LoopbackDataPlane.StartAsync();
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("v1.safetensors", LoopbackDataPlane.RandomBytes(4096, seed: 4)));
        var first = await plane.Fetcher.FetchFileAsync(artifact);
        await plane.Server.DisposeAsync();

        var second = await plane.Fetcher.FetchFileAsync(artifact);

        Assert.Equal(first, second);
        await plane.DisposeAsync();
    }

    [Fact]
    public async Task Tampered_file_is_refused_naming_the_uri_and_nothing_is_cached()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var path = plane.Write("v2.safetensors", LoopbackDataPlane.RandomBytes(100_000, seed: 5));
        var artifact = plane.Server.Publisher.DescribeFile(path);
        plane.Write("v2.safetensors", LoopbackDataPlane.RandomBytes(100_000, seed: 6)); // same size, other bytes

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => plane.Fetcher.FetchFileAsync(artifact));

        Assert.Contains(artifact.Uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
        Assert.Empty(plane.CachedFiles());
    }

    [Fact]
    public async Task Missing_file_is_an_error_naming_the_uri_and_its_status()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("v4.safetensors", [1, 2, 3]));
        File.Delete(Path.Combine(plane.Root, "v4.safetensors"));

        var error = await Assert.ThrowsAsync<ArtifactFetchException>(() => plane.Fetcher.FetchFileAsync(artifact));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsTransient);
        Assert.Equal(artifact.Uri, error.Uri);
        Assert.Contains($"{artifact.Uri}: HTTP 404", error.Message, StringComparison.Ordinal);
        Assert.Empty(plane.CachedFiles());
    }

    [Fact]
    public async Task Unreachable_server_is_retried_then_reported_naming_the_uri()
    {
        var plane = await LoopbackDataPlane.StartAsync();
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("v5.safetensors", [7, 7, 7]));
        await plane.Server.DisposeAsync();
        using var fetcher = LoopbackDataPlane.NewFetcher(plane.Cache, attempts: 3);

        var error = await Assert.ThrowsAsync<ArtifactFetchException>(() => fetcher.FetchFileAsync(artifact));

        Assert.True(error.IsTransient);
        Assert.StartsWith(artifact.Uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("gave up after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Empty(plane.CachedFiles());
        await plane.DisposeAsync();
    }

    [Fact]
    public async Task Fetch_with_a_cancelled_token_is_cancelled()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("v6.safetensors", [1]));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => plane.Fetcher.FetchFileAsync(artifact, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Folder_fetch_checks_every_file_against_the_manifest()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var folder = Path.Combine(plane.Root, "checkpoints", "step-000010");
        AtomicFolder.Write(folder, temp => WriteCheckpoint(temp, seed: 7));
        var artifact = plane.Server.Publisher.DescribeFolder(folder);

        var local = await plane.Fetcher.FetchFolderAsync(artifact);

        Assert.EndsWith("/", artifact.Uri, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(plane.Cache, "folders", artifact.Sha256), local);
        foreach (var name in new[] { "model.safetensors", "optimizer/state.bin", AtomicFolder.ManifestFile })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(folder, name)), await File.ReadAllBytesAsync(Path.Combine(local, name)));
        AtomicFolder.Verify(local);
    }

    [Fact]
    public async Task Folder_with_a_tampered_file_is_refused_naming_that_file_and_nothing_is_cached()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var folder = Path.Combine(plane.Root, "checkpoints", "step-000020");
        AtomicFolder.Write(folder, temp => WriteCheckpoint(temp, seed: 8));
        var artifact = plane.Server.Publisher.DescribeFolder(folder);
        var tampered = Path.Combine(folder, "optimizer", "state.bin");
        await File.WriteAllBytesAsync(tampered, LoopbackDataPlane.RandomBytes((int)new FileInfo(tampered).Length, seed: 9));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => plane.Fetcher.FetchFolderAsync(artifact));

        Assert.Contains(artifact.Uri + "optimizer/state.bin", error.Message, StringComparison.Ordinal);
        Assert.Empty(plane.CachedFiles());
    }

    [Fact]
    public async Task Concurrent_fetches_of_one_artifact_leave_one_cached_copy()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var bytes = LoopbackDataPlane.RandomBytes(3_000_000, seed: 10);
        var artifact = plane.Server.Publisher.DescribeFile(plane.Write("policies/v7.safetensors", bytes));
        // Two fetchers on one cache stand for two processes: they share no in-flight download, only the cache folder.
        using var other = LoopbackDataPlane.NewFetcher(plane.Cache);

        var paths = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => (i % 2 == 0 ? plane.Fetcher : other).FetchFileAsync(artifact))));

        Assert.Single(paths.Distinct());
        Assert.Equal($"files/{artifact.Sha256}/v7.safetensors", Assert.Single(plane.CachedFiles()));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(paths[0]));
    }

    [Fact]
    public void New_fetcher_sweeps_partial_downloads_a_killed_process_left_but_not_recent_ones()
    {
        var cache = Path.Combine(Path.GetTempPath(), "conrec-dataplane-sweep-" + Guid.NewGuid().ToString("N"));
        try
        {
            var partials = Path.Combine(cache, ".partial");
            Directory.CreateDirectory(Path.Combine(partials, "old-folder"));
            File.WriteAllBytes(Path.Combine(partials, "old-folder", "model.safetensors"), [1]);
            File.WriteAllBytes(Path.Combine(partials, "old-file"), [2]);
            File.WriteAllBytes(Path.Combine(partials, "in-progress"), [3]);
            var longAgo = DateTime.UtcNow.AddHours(-3);
            File.SetLastWriteTimeUtc(Path.Combine(partials, "old-folder", "model.safetensors"), longAgo);
            Directory.SetLastWriteTimeUtc(Path.Combine(partials, "old-folder"), longAgo);
            File.SetLastWriteTimeUtc(Path.Combine(partials, "old-file"), longAgo);

            using var fetcher = LoopbackDataPlane.NewFetcher(cache);

            Assert.Equal(["in-progress"], Directory.GetFileSystemEntries(partials).Select(Path.GetFileName));
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    static void WriteCheckpoint(string folder, int seed)
    {
        File.WriteAllBytes(Path.Combine(folder, "model.safetensors"), LoopbackDataPlane.RandomBytes(200_000, seed));
        Directory.CreateDirectory(Path.Combine(folder, "optimizer"));
        File.WriteAllBytes(Path.Combine(folder, "optimizer", "state.bin"), LoopbackDataPlane.RandomBytes(50_000, seed + 100));
    }
}
