using CoNRec.Cluster.Learner.DataParallel;
using CoNRec.Cluster.Tests.DataPlane;
using CoNRec.Core.Protocol;
using static TorchSharp.torch;

namespace CoNRec.Cluster.Tests.Learner.DataParallel;

public sealed class GradientExchangeTests : IAsyncLifetime
{
    static readonly Dictionary<string, long[]> Shapes = new(StringComparer.Ordinal) { ["a"] = [2, 3], ["b"] = [4] };
    LoopbackDataPlane _plane = null!;

    public async Task InitializeAsync() => _plane = await LoopbackDataPlane.StartAsync();

    public async Task DisposeAsync() => await _plane.DisposeAsync();

    static GradientHeader Header(int rank, long step = 3, int update = 1, long tokens = 6) =>
        new("run-x", step, update, rank, 2, new ShareMetrics(0.5 * (rank + 1), 0.25, tokens, 0.01 * (rank + 1), 0.1, 1.0, 1.5 + rank, 2.0));

    static Dictionary<string, Tensor> Gradients(int seed) => new(StringComparer.Ordinal)
    {
        ["a"] = randn([2, 3], generator: new Generator((ulong)seed)),
        ["b"] = randn([4], generator: new Generator((ulong)seed + 100)),
    };

    /// <summary>Rank 0's gradient, written under the served root and published over HTTP.</summary>
    GradientPublished Publish(GradientHeader header, Dictionary<string, Tensor> gradients, string name = "rank-0.safetensors")
    {
        var path = Path.Combine(_plane.Root, "gradients", name);
        GradientFile.Write(path, header, gradients);
        return new GradientPublished(header.RunId, header.Step, header.Update, header.Rank, header.World, _plane.Server.Publisher.DescribeFile(path));
    }

    GradientPublished Mine(GradientHeader header) =>
        new(header.RunId, header.Step, header.Update, header.Rank, header.World, new ArtifactRef("http://127.0.0.1:1/mine", new string('0', 64), 1));

    [Fact]
    public void A_peers_gradient_fetched_over_http_is_added_to_this_learners_own_in_rank_order()
    {
        var peer = Gradients(1);
        var own = Gradients(2);
        var published = new[] { Publish(Header(0), peer), Mine(Header(1)) };

        using var summed = new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), own, published);

        Assert.StartsWith("http://127.0.0.1:", published[0].Gradient.Uri, StringComparison.Ordinal);
        foreach (var name in Shapes.Keys)
            Assert.Equal((peer[name] + own[name]).data<float>().ToArray(), summed.Gradients[name].data<float>().ToArray());
        Assert.Equal(0.5 + 1.0, summed.Metrics.Loss);
        Assert.Equal(12, summed.Metrics.Tokens);
        Assert.Equal(0.015, summed.Metrics.Kl, 12);
        Assert.Equal(2.5, summed.Metrics.RatioMax);
    }

    [Fact]
    public void A_tampered_gradient_file_is_refused_naming_its_uri()
    {
        var published = new[] { Publish(Header(0), Gradients(1)), Mine(Header(1)) };
        var path = Path.Combine(_plane.Root, "gradients", "rank-0.safetensors");
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), Gradients(2), published));

        Assert.Contains(published[0].Gradient.Uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("sha256", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_plane.CachedFiles());
    }

    [Fact]
    public void A_file_holding_another_steps_gradient_is_refused_though_its_hash_is_right()
    {
        var stale = Publish(Header(0, step: 2), Gradients(1));
        var published = new[] { stale with { Step = 3 }, Mine(Header(1)) };

        var error = Assert.Throws<InvalidDataException>(() => new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), Gradients(2), published));

        Assert.Contains(stale.Gradient.Uri, error.Message, StringComparison.Ordinal);
        Assert.Contains("step 2 update 1 rank 0/2", error.Message, StringComparison.Ordinal);
        Assert.Contains("step 3 update 1 rank 0/2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_holding_another_ranks_gradient_is_refused()
    {
        var other = Publish(Header(1), Gradients(1), "rank-1.safetensors");
        var published = new[] { other with { Rank = 0 }, Mine(Header(1)) };

        var error = Assert.Throws<InvalidDataException>(() => new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), Gradients(2), published));

        Assert.Contains("holds the gradient of run run-x step 3 update 1 rank 1/2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("step")]
    [InlineData("update")]
    [InlineData("rank")]
    public void An_announcement_of_another_step_update_or_rank_is_refused_before_anything_is_fetched(string field)
    {
        var announced = Publish(Header(0), Gradients(1));
        var wrong = field switch
        {
            "step" => announced with { Step = 4 },
            "update" => announced with { Update = 0 },
            _ => announced with { Rank = 1 },
        };

        var error = Assert.Throws<InvalidDataException>(() =>
            new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), Gradients(2), [wrong, Mine(Header(1))]));

        Assert.Contains("announced as rank 0's", error.Message, StringComparison.Ordinal);
        Assert.Empty(_plane.CachedFiles());
    }

    [Fact]
    public void A_gradient_whose_shape_differs_from_the_parameters_is_refused()
    {
        var gradients = Gradients(1);
        gradients["b"] = zeros(5);
        var published = new[] { Publish(Header(0), gradients), Mine(Header(1)) };

        var error = Assert.Throws<InvalidDataException>(() => new GradientExchange(_plane.Fetcher, Shapes).Sum(Header(1), Gradients(2), published));

        Assert.Contains("gradient 'b' has shape [5], the parameter [4]", error.Message, StringComparison.Ordinal);
    }
}
