using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace CoNRec.Model.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON
/// header mapping each name to {dtype, shape, data_offsets} (plus an optional "__metadata__" map of strings),
/// then the raw little-endian tensor bytes. Supports F32, F16, BF16, F64, I64, I32, I16, I8, U8 and BOOL.
/// Writes go to a temporary file that is fsynced and renamed, so a reader never sees half a file.
/// </summary>
public static class SafeTensors
{
    const int MaxHeaderBytes = 100 << 20;

    /// <summary>Reads every tensor of the file onto the CPU, in its stored dtype.</summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors; the message names it.</exception>
    public static Dictionary<string, Tensor> Read(string path) => Read(path, out _);

    public static Dictionary<string, Tensor> Read(string path, out IReadOnlyDictionary<string, string> metadata)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such safetensors file", path);
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        if (stream.Read(lengthBytes) != 8) throw Invalid(path, "shorter than its 8-byte header length");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > stream.Length - 8) throw Invalid(path, $"header length {headerLength} is impossible");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var dataStart = 8 + (long)headerLength;

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(header);
            foreach (var entry in json.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                {
                    foreach (var m in entry.Value.EnumerateObject()) meta[m.Name] = m.Value.GetString() ?? "";
                    continue;
                }
                var dtype = ParseDType(entry.Value.GetProperty("dtype").GetString() ?? "");
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(dtype);
                if (offsets.Length != 2 || offsets[1] - offsets[0] != expected || dataStart + offsets[1] > stream.Length)
                    throw Invalid(path, $"tensor '{entry.Name}' has data offsets that do not match its shape and dtype");
                var bytes = new byte[expected];
                stream.Position = dataStart + offsets[0];
                stream.ReadExactly(bytes);
                var tensor = empty(shape, dtype);
                tensor.bytes = bytes;
                result[entry.Name] = tensor;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or EndOfStreamException)
        {
            foreach (var t in result.Values) t.Dispose();
            throw Invalid(path, e.Message);
        }
        metadata = meta;
        return result;
    }

    /// <summary>Writes the tensors (any device; copied to CPU) in name order, atomically.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 }) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var name in names)
        {
            var t = tensors[name];
            var size = t.numel() * ElementSize(t.dtype);
            header[name] = new { dtype = DTypeName(t.dtype), shape = t.shape, data_offsets = new[] { offset, offset + size } };
            offset += size;
        }
        var headerBytes = JsonSerializer.SerializeToUtf8Bytes(header);
        // Pad the header with spaces to an 8-byte boundary, as the reference writer does.
        var padded = (headerBytes.Length + 7) / 8 * 8;

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                Span<byte> lengthBytes = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)padded);
                stream.Write(lengthBytes);
                stream.Write(headerBytes);
                for (var i = headerBytes.Length; i < padded; i++) stream.WriteByte((byte)' ');
                foreach (var name in names)
                {
                    // detach/cpu/contiguous may each make a tensor: the scope frees them all.
                    using var scope = NewDisposeScope();
                    stream.Write(tensors[name].detach().cpu().contiguous().bytes);
                }
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    static InvalidDataException Invalid(string path, string problem) => new($"{path}: not a valid safetensors file: {problem}");

    static ScalarType ParseDType(string name) => name switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new InvalidOperationException($"unsupported dtype '{name}'"),
    };

    static string DTypeName(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"dtype {type} cannot be stored in safetensors"),
    };

    static long ElementSize(ScalarType type) => type switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Int8 or ScalarType.Byte or ScalarType.Bool => 1,
        _ => throw new ArgumentException($"dtype {type} cannot be stored in safetensors"),
    };
}
