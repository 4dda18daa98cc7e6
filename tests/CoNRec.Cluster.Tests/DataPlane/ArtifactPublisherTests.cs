using CoNRec.Cluster.DataPlane;
using CoNRec.Cluster.Roles;
using CoNRec.Model.Checkpoints;

namespace CoNRec.Cluster.Tests.DataPlane;

public sealed class ArtifactPublisherTests
{
    [Fact]
    public async Task Http_publisher_names_a_file_by_its_escaped_path_under_the_root()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var path = plane.Write("run one/policies/v1.safetensors", [1, 2, 3, 4]);

        var artifact = plane.Server.Publisher.DescribeFile(path);

        Assert.Equal(new Uri(plane.Server.BaseUri, "run%20one/policies/v1.safetensors").AbsoluteUri, artifact.Uri);
        Assert.Equal(4, artifact.Bytes);
        Assert.Equal(AtomicFolder.Sha256Of(path), artifact.Sha256);
        Assert.Equal([1, 2, 3, 4], await File.ReadAllBytesAsync(await plane.Fetcher.FetchFileAsync(artifact)));
    }

    [Fact]
    public async Task Http_publisher_refuses_a_file_outside_the_root()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var outside = Path.Combine(plane.Outside, "v1.safetensors");
        await File.WriteAllBytesAsync(outside, [1]);

        var error = Assert.Throws<ArgumentException>(() => plane.Server.Publisher.DescribeFile(outside));

        Assert.Contains("outside the data plane root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_publisher_finds_its_own_files_behind_a_uri_on_any_port_but_not_another_nodes()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var path = plane.Write("run one/policies/v1.safetensors", [1]);
        var folder = Path.Combine(plane.Root, "checkpoints", "step-000002");
        AtomicFolder.Write(folder, temp => File.WriteAllBytes(Path.Combine(temp, "model.safetensors"), [2]));
        var publisher = plane.Server.Publisher;
        var file = publisher.DescribeFile(path);
        var sealedFolder = publisher.DescribeFolder(folder);
        var otherPort = new UriBuilder(file.Uri) { Port = plane.Server.BaseUri.Port == 1 ? 2 : 1 }.Uri.AbsoluteUri;
        var otherHost = new UriBuilder(file.Uri) { Host = "10.9.8.7" }.Uri.AbsoluteUri;

        Assert.Equal(path, publisher.LocalPathOf(file.Uri));
        Assert.Equal(folder, publisher.LocalPathOf(sealedFolder.Uri));
        Assert.Equal(path, publisher.LocalPathOf(otherPort));
        Assert.Null(publisher.LocalPathOf(otherHost));
        Assert.Null(publisher.LocalPathOf(new Uri(plane.Server.BaseUri, ".dataplane-cache/files/x").AbsoluteUri));
        Assert.Equal(path, publisher.LocalPathOf(new Uri(path).AbsoluteUri));
        Assert.Null(ArtifactPublisher.SharedDirectory.LocalPathOf(file.Uri));
    }

    [Fact]
    public async Task Shared_directory_publisher_gives_file_uris_that_the_fetcher_checks_in_place()
    {
        await using var plane = await LoopbackDataPlane.StartAsync();
        var path = plane.Write("v1.safetensors", [5, 6, 7]);
        var folder = Path.Combine(plane.Root, "checkpoints", "step-000001");
        AtomicFolder.Write(folder, temp => File.WriteAllBytes(Path.Combine(temp, "model.safetensors"), [8, 9]));

        var file = ArtifactPublisher.SharedDirectory.DescribeFile(path);
        var sealedFolder = ArtifactPublisher.SharedDirectory.DescribeFolder(folder);

        Assert.Equal(path, await plane.Fetcher.FetchFileAsync(file));
        Assert.Equal(folder, await plane.Fetcher.FetchFolderAsync(sealedFolder));
        Assert.Empty(plane.CachedFiles());
        await File.WriteAllBytesAsync(path, [5, 6, 0]);
        await Assert.ThrowsAsync<InvalidDataException>(() => plane.Fetcher.FetchFileAsync(file));
    }

    [Fact]
    public async Task Data_plane_node_in_http_mode_publishes_what_its_fetcher_can_load()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-dataplane-node-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new DataPlaneOptions
            {
                Mode = DataPlaneMode.Http,
                Server = new ArtifactServerOptions { Root = Path.Combine(folder, "run") },
                Fetch = new ArtifactFetchOptions { CacheFolder = Path.Combine(folder, "cache") },
            };
            await using var node = await DataPlaneNode.StartAsync(options, Serilog.Core.Logger.None);
            var path = Path.Combine(folder, "run", PolicyWeights.Folder, "v1.safetensors");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, LoopbackDataPlane.RandomBytes(1000, seed: 11));

            var artifact = node.Publisher.DescribeFile(path);
            var fetched = await node.Fetcher.FetchFileAsync(artifact);

            Assert.StartsWith("http://127.0.0.1:", artifact.Uri, StringComparison.Ordinal);
            Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(fetched));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Data_plane_options_name_the_setting_they_refuse()
    {
        var noCache = new DataPlaneOptions();
        var badAttempts = new DataPlaneOptions { Fetch = new ArtifactFetchOptions { CacheFolder = "c", Attempts = 0 } };
        var httpWithoutRoot = new DataPlaneOptions { Mode = DataPlaneMode.Http, Fetch = new ArtifactFetchOptions { CacheFolder = "c" } };

        Assert.StartsWith("dataPlane.cacheFolder", Assert.Throws<ArgumentException>(() => noCache.Validate()).Message, StringComparison.Ordinal);
        Assert.StartsWith("dataPlane.attempts", Assert.Throws<ArgumentException>(() => badAttempts.Validate()).Message, StringComparison.Ordinal);
        Assert.StartsWith("dataPlane.root", Assert.Throws<ArgumentException>(() => httpWithoutRoot.Validate()).Message, StringComparison.Ordinal);
    }
}
