using CoNRec.Model.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Runtime;

public sealed class TorchDeviceTests
{
    [Fact]
    public void Native_libtorch_loads_and_multiplies_matrices()
    {
        using var scope = NewDisposeScope();
        var a = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);   // (2, 3)
        var b = tensor(new float[] { 7, 8, 9, 10, 11, 12 }, [3, 2]); // (3, 2)

        var product = matmul(a, b);                                   // (2, 2)

        Assert.Equal(new long[] { 2, 2 }, product.shape);
        Assert.Equal(new float[] { 58, 64, 139, 154 }, product.data<float>().ToArray());
    }

    [Fact]
    public void Cpu_parses_to_the_cpu_device()
    {
        Assert.Equal(DeviceType.CPU, TorchDevice.Parse(" CPU ").type);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Unknown_or_unavailable_devices_are_refused_with_the_setting_named(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => TorchDevice.Parse(setting));
        Assert.Contains($"'{setting}'", error.Message);
    }
}
