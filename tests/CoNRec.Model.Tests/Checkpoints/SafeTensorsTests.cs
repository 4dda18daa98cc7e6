using CoNRec.Model.Checkpoints;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Checkpoints;

public sealed class SafeTensorsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-st-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Tensors_of_several_dtypes_round_trip_with_metadata()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["model.embed_tokens.weight"] = arange(12, dtype: ScalarType.Float32).reshape(3, 4),
            ["half"] = tensor(new float[] { 1.5f, -2f }).to(ScalarType.BFloat16),
            ["ids"] = tensor(new long[] { 7, 8, 9 }),
        };
        var path = Path.Combine(_dir, "m.safetensors");

        SafeTensors.Write(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        var read = SafeTensors.Read(path, out var metadata);

        Assert.Equal("pt", metadata["format"]);
        Assert.Equal(new long[] { 3, 4 }, read["model.embed_tokens.weight"].shape);
        Assert.Equal(tensors["model.embed_tokens.weight"].data<float>().ToArray(), read["model.embed_tokens.weight"].data<float>().ToArray());
        Assert.Equal(ScalarType.BFloat16, read["half"].dtype);
        Assert.Equal(new[] { 1.5f, -2f }, read["half"].to(ScalarType.Float32).data<float>().ToArray());
        Assert.Equal(new long[] { 7, 8, 9 }, read["ids"].data<long>().ToArray());
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void The_header_is_padded_to_eight_bytes_and_data_offsets_are_contiguous()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(_dir, "p.safetensors");
        SafeTensors.Write(path, new Dictionary<string, Tensor> { ["a"] = ones(3), ["b"] = zeros(2, 2) });

        var bytes = File.ReadAllBytes(path);
        var headerLength = BitConverter.ToInt64(bytes, 0);

        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + (3 + 4) * 4, bytes.Length);
    }

    [Fact]
    public void A_corrupt_file_is_refused_with_its_name()
    {
        var path = Path.Combine(_dir, "bad.safetensors");
        File.WriteAllBytes(path, [16, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x']);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Read(path));

        Assert.Contains("bad.safetensors", error.Message);
    }
}
