using CoNRec.Model.Sid;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Sid;

public sealed class RqVaeTests
{
    [Fact]
    public void State_names_are_the_checkpoint_schema()
    {
        using var model = new RqVae(16, TinySid.Options);

        var names = model.state_dict().Keys.ToHashSet();

        Assert.Contains("rq.codebooks.0", names);
        Assert.Contains("rq.codebooks.2", names);
        Assert.Contains("encoder.0.weight", names);
        Assert.Contains("encoder.4.bias", names);
        Assert.Contains("decoder.4.weight", names);
        Assert.Contains("norm_mean", names);
        Assert.Contains("norm_std", names);
        Assert.Equal(new long[] { 16, 8 }, model.state_dict()["rq.codebooks.1"].shape);
        Assert.Equal(new long[] { 8, 16 }, model.state_dict()["encoder.4.weight"].shape);
    }

    [Fact]
    public void Forward_returns_reconstruction_codes_and_scalar_losses()
    {
        using var model = new RqVae(16, TinySid.Options);
        using var scope = NewDisposeScope();
        var batch = randn([10, 16], generator: new Generator(5));

        var output = model.call(batch);

        Assert.Equal(new long[] { 10, 16 }, output.Reconstruction.shape);
        Assert.Equal(new long[] { 10, 3 }, output.Codes.shape);
        Assert.Equal(0, output.Loss.dim());
        Assert.Equal(output.ReconstructionLoss.item<float>() + output.QuantizationLoss.item<float>(), output.Loss.item<float>(), 5);
        var codes = output.Codes.data<long>().ToArray();
        Assert.All(codes, c => Assert.InRange(c, 0, 15));
    }

    [Fact]
    public void The_same_seed_builds_the_same_weights()
    {
        using var a = new RqVae(16, TinySid.Options);
        using var b = new RqVae(16, TinySid.Options);
        using var c = new RqVae(16, TinySid.Options with { Seed = 4 });

        var wa = a.state_dict()["encoder.0.weight"].data<float>().ToArray();

        Assert.Equal(wa, b.state_dict()["encoder.0.weight"].data<float>().ToArray());
        Assert.NotEqual(wa, c.state_dict()["encoder.0.weight"].data<float>().ToArray());
    }

    [Fact]
    public void Sid_embedding_is_the_sum_of_the_chosen_codewords()
    {
        using var model = new RqVae(16, TinySid.Options);
        int[,] codes = { { 1, 2, 3 }, { 0, 0, 15 } };

        var embeddings = model.SidEmbeddings(codes);

        var expected = model.Quantizer.Codebook(0)[1] + model.Quantizer.Codebook(1)[2] + model.Quantizer.Codebook(2)[3];
        var expectedValues = expected.data<float>().ToArray();
        Assert.Equal(2, embeddings.GetLength(0));
        Assert.Equal(8, embeddings.GetLength(1));
        for (var d = 0; d < 8; d++) Assert.Equal(expectedValues[d], embeddings[0, d], 5);
    }
}
