using TorchSharp;

namespace CoNRec.Model.Runtime;

/// <summary>Turns the config's device string (<c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device.</summary>
public static class TorchDevice
{
    /// <exception cref="ArgumentException">The string is not a device name, or CUDA is asked for where it is not available.</exception>
    public static torch.Device Parse(string setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var text = setting.Trim().ToLowerInvariant();
        if (text == "cpu") return torch.CPU;
        if (text == "cuda" || text.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new ArgumentException($"device '{setting}': CUDA is not available in this build or on this machine (build with -p:TorchBackend=cuda on a GPU node).", nameof(setting));
            var index = text == "cuda" ? 0 : ParseIndex(setting, text[5..]);
            if (index >= torch.cuda.device_count())
                throw new ArgumentException($"device '{setting}': only {torch.cuda.device_count()} CUDA device(s) present.", nameof(setting));
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"device '{setting}' is not one of cpu, cuda, cuda:N.", nameof(setting));
    }

    static int ParseIndex(string setting, string digits) =>
        int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : throw new ArgumentException($"device '{setting}': '{digits}' is not a device index.", nameof(setting));
}
