using System.Runtime.InteropServices;
using System.Text;

namespace CoNRec.Core.Data;

/// <summary>
/// The on-disk dataset (<c>*.conrec</c>): one little-endian binary file, columns stored as raw arrays so that
/// a million events load with a handful of block copies. Written to a temporary file in the same folder,
/// fsynced, then renamed over the target: a reader never sees a half-written dataset.
/// Layout (version 1): magic "CONRECDS", int32 version, name, users, items (ids, titles, categories,
/// float32 features), events (int32 user, int32 item, int64 time, u8 kind, u8 reason), optional synthetic
/// truth, and the end marker "CONRECND". Strings are int32 byte length + UTF-8.
/// </summary>
public static class DatasetFile
{
    public const string Extension = ".conrec";
    const int Version = 1;
    static readonly byte[] Magic = "CONRECDS"u8.ToArray();
    static readonly byte[] EndMarker = "CONRECND"u8.ToArray();

    public static void Write(Dataset dataset, string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) WriteBody(writer, dataset);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <exception cref="DataFileException">The file is missing, not a dataset, of another version, or truncated.</exception>
    public static Dataset Read(string path)
    {
        if (!File.Exists(path)) throw new DataFileException(path, null, "no such dataset file");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 0) throw new DataFileException(path, null, "the dataset file is empty");
        if (!bytes.AsSpan().StartsWith(Magic)) throw new DataFileException(path, null, "not a CoNRec dataset file (bad magic)");
        try
        {
            return ReadBody(new SpanReader(bytes));
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new DataFileException(path, null, $"not a valid dataset file ({e.Message})", e);
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException(path, null, e.Message, e);
        }
    }

    static void WriteBody(BinaryWriter w, Dataset d)
    {
        w.Write(Magic);
        w.Write(Version);
        WriteString(w, d.Name);
        w.Write(d.UserCount);
        foreach (var id in d.UserExternalIds) WriteString(w, id);

        var items = d.Items;
        w.Write(items.Count);
        w.Write(items.FeatureDim);
        foreach (var s in items.ExternalIds) WriteString(w, s);
        foreach (var s in items.Titles) WriteString(w, s);
        foreach (var s in items.CategoryPaths) WriteString(w, s);
        w.Write(MemoryMarshal.AsBytes(items.Features));

        var e = d.Events;
        w.Write(e.Count);
        w.Write(MemoryMarshal.AsBytes(e.Users));
        w.Write(MemoryMarshal.AsBytes(e.Items));
        w.Write(MemoryMarshal.AsBytes(e.Times));
        w.Write(MemoryMarshal.AsBytes(e.Kinds));
        w.Write(MemoryMarshal.AsBytes(e.Reasons));

        w.Write(d.Truth is null ? (byte)0 : (byte)1);
        if (d.Truth is { } t)
        {
            w.Write(t.GroupCount);
            foreach (var s in t.GroupNames) WriteString(w, s);
            w.Write(MemoryMarshal.AsBytes(t.ItemGroup.AsSpan()));
            foreach (var groups in t.UserDislikedGroups)
            {
                w.Write(groups.Length);
                w.Write(MemoryMarshal.AsBytes(groups.AsSpan()));
            }
        }
        w.Write(EndMarker);
    }

    static Dataset ReadBody(SpanReader r)
    {
        if (!r.Bytes(Magic.Length).SequenceEqual(Magic)) throw new InvalidDataException("not a CoNRec dataset file (bad magic)");
        var version = r.Int32();
        if (version != Version) throw new InvalidDataException($"dataset format version {version}, this build reads {Version}");
        var name = r.String();
        var users = new string[r.Count()];
        for (var i = 0; i < users.Length; i++) users[i] = r.String();

        var itemCount = r.Count();
        var dim = r.Count();
        var ids = new string[itemCount];
        var titles = new string[itemCount];
        var categories = new string[itemCount];
        for (var i = 0; i < itemCount; i++) ids[i] = r.String();
        for (var i = 0; i < itemCount; i++) titles[i] = r.String();
        for (var i = 0; i < itemCount; i++) categories[i] = r.String();
        var features = r.Array<float>(checked(itemCount * dim));

        var n = r.Count();
        var user = r.Array<int>(n);
        var item = r.Array<int>(n);
        var time = r.Array<long>(n);
        var kind = r.Array<FeedbackKind>(n);
        var reason = r.Array<NegativeReason>(n);
        for (var i = 1; i < n; i++)
            if (user[i] < user[i - 1] || (user[i] == user[i - 1] && time[i] < time[i - 1]))
                throw new InvalidDataException($"events are not sorted by user and time at event {i}");
        if (n > 0 && (user[0] < 0 || user[n - 1] >= users.Length)) throw new InvalidDataException("an event names an unknown user");

        SyntheticTruth? truth = null;
        if (r.Byte() == 1)
        {
            var groupNames = new string[r.Count()];
            for (var i = 0; i < groupNames.Length; i++) groupNames[i] = r.String();
            var itemGroup = r.Array<int>(itemCount);
            var disliked = new int[users.Length][];
            for (var u = 0; u < users.Length; u++) disliked[u] = r.Array<int>(r.Count());
            truth = new SyntheticTruth(groupNames, itemGroup, disliked);
        }
        if (!r.Bytes(EndMarker.Length).SequenceEqual(EndMarker)) throw new InvalidDataException("missing end marker (truncated or corrupt)");

        var catalog = new ItemCatalog(ids, titles, categories, features, dim);
        var events = EventTable.FromSortedColumns(user, item, time, kind, reason, users.Length);
        return new Dataset(name, users, catalog, events, truth);
    }

    static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write(bytes.Length);
        w.Write(bytes);
    }

    /// <summary>Reads the file's primitives from one byte array; every read is bounds-checked.</summary>
    sealed class SpanReader(byte[] bytes)
    {
        int _position;

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0 || _position + (long)count > bytes.Length) throw new InvalidDataException("unexpected end of file (truncated)");
            var span = bytes.AsSpan(_position, count);
            _position += count;
            return span;
        }

        public byte Byte() => Bytes(1)[0];
        public int Int32() => BitConverter.ToInt32(Bytes(4));

        public int Count()
        {
            var n = Int32();
            return n >= 0 ? n : throw new InvalidDataException($"negative count {n}");
        }

        public string String() => Encoding.UTF8.GetString(Bytes(Count()));

        public T[] Array<T>(int count) where T : unmanaged
        {
            var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            var source = Bytes(checked(count * size));
            var result = new T[count];
            source.CopyTo(MemoryMarshal.AsBytes(result.AsSpan()));
            return result;
        }
    }
}
