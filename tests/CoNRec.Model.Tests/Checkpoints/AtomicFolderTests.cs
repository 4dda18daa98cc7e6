using CoNRec.Model.Checkpoints;

namespace CoNRec.Model.Tests.Checkpoints;

public sealed class AtomicFolderTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("conrec-atomic-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_written_folder_verifies_and_lists_every_file_with_its_hash()
    {
        var target = Path.Combine(_root, "ckpt");

        var manifest = AtomicFolder.Write(target, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "alpha");
            Directory.CreateDirectory(Path.Combine(dir, "sub"));
            File.WriteAllText(Path.Combine(dir, "sub", "b.bin"), "beta");
        });

        Assert.Equal(["a.txt", "sub/b.bin"], manifest.Files.Select(f => f.Name));
        Assert.Equal(manifest.Files, AtomicFolder.Verify(target).Files);
        Assert.Equal(["ckpt"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_folder_untouched_and_no_temporary()
    {
        var target = Path.Combine(_root, "ckpt");
        AtomicFolder.Write(target, dir => File.WriteAllText(Path.Combine(dir, "a.txt"), "old"));

        Assert.Throws<InvalidOperationException>(() => AtomicFolder.Write(target, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "new");
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void A_changed_or_missing_file_is_refused_on_verify()
    {
        var target = Path.Combine(_root, "ckpt");
        AtomicFolder.Write(target, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "a.txt"), "alpha");
            File.WriteAllText(Path.Combine(dir, "b.txt"), "beta");
        });

        File.WriteAllText(Path.Combine(target, "a.txt"), "tampered");
        var changed = Assert.Throws<InvalidDataException>(() => AtomicFolder.Verify(target));
        File.Delete(Path.Combine(target, "b.txt"));
        File.WriteAllText(Path.Combine(target, "a.txt"), "alpha");
        var missing = Assert.Throws<InvalidDataException>(() => AtomicFolder.Verify(target));

        Assert.Contains("a.txt", changed.Message);
        Assert.Contains("sha256", changed.Message);
        Assert.Contains("b.txt", missing.Message);
    }
}
