using CoNRec.Model.Checkpoints;
using CoNRec.Model.Sid;
using static TorchSharp.torch;

namespace CoNRec.Model.Tests.Sid;

public sealed class SidArtifactsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-sid-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_saved_folder_loads_back_the_same_table_embeddings_and_model()
    {
        var (model, ids, features, table) = Untrained();
        using var _ = model;
        var folder = Path.Combine(_dir, "sid");

        SidArtifacts.Save(folder, ids, model, table, table.Report());
        var loaded = SidArtifacts.Load(folder);
        using var reloaded = SidArtifacts.LoadModel(folder);

        Assert.Equal(ids, loaded.ExternalIds);
        Assert.Equal(table.CodesCopy(), loaded.Table.CodesCopy());
        Assert.Equal(Enumerable.Range(0, 30).Select(table.Format), Enumerable.Range(0, 30).Select(loaded.Table.Format));
        Assert.Equal(model.SidEmbeddings(table.CodesCopy()), loaded.Embeddings);
        Assert.Equal(table.Report().CollisionRate, loaded.Report.CollisionRate);
        Assert.Equal(table.CodesCopy(), reloaded.Codes(features, 16));
        Assert.Equal(["codebooks.safetensors", "manifest.json", "sid_embeddings.safetensors", "sid_report.json", "sid_report.txt", "sid_table.tsv"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Single(Directory.GetFileSystemEntries(_dir));
        Assert.Contains("rq.codebooks.2", SafeTensors.Read(Path.Combine(folder, "codebooks.safetensors")).Keys);
    }

    [Fact]
    public void Saving_again_replaces_the_folder()
    {
        var (model, ids, _, table) = Untrained();
        using var _ = model;
        var folder = Path.Combine(_dir, "sid");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "stale.txt"), "old");

        SidArtifacts.Save(folder, ids, model, table, table.Report());

        Assert.False(File.Exists(Path.Combine(folder, "stale.txt")));
        Assert.Single(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var folder = SavedFolder();
        File.Delete(Path.Combine(folder, "sid_embeddings.safetensors"));

        var error = Assert.Throws<FileNotFoundException>(() => SidArtifacts.Load(folder));

        Assert.Contains("sid_embeddings.safetensors", error.Message);
    }

    [Fact]
    public void Embeddings_of_the_wrong_shape_are_refused_naming_the_file()
    {
        var folder = SavedFolder();
        SafeTensors.Write(Path.Combine(folder, "sid_embeddings.safetensors"), new Dictionary<string, Tensor> { ["embeddings"] = zeros(29, 8) });

        var error = Assert.Throws<InvalidDataException>(() => SidArtifacts.Load(folder));

        Assert.Contains("sid_embeddings.safetensors", error.Message);
        Assert.Contains("expected Float32 (30, 8)", error.Message);
    }

    [Fact]
    public void A_table_row_with_a_code_outside_the_codebook_is_refused_with_its_line()
    {
        var folder = SavedFolder();
        var path = Path.Combine(folder, "sid_table.tsv");
        var lines = File.ReadAllLines(path);
        lines[3] = "item-2\t0\t99\t0\t0";
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<CoNRec.Core.Data.DataFileException>(() => SidArtifacts.Load(folder));

        Assert.Contains("sid_table.tsv:4: column b: code 99 is outside the codebook of 16", error.Message);
    }

    string SavedFolder()
    {
        var (model, ids, _, table) = Untrained();
        using var _ = model;
        var folder = Path.Combine(_dir, "sid");
        SidArtifacts.Save(folder, ids, model, table, table.Report());
        return folder;
    }

    /// <summary>An untrained model is enough to test persistence: its codes are still a function of its weights.</summary>
    static (RqVae Model, string[] Ids, float[] Features, SidTable Table) Untrained()
    {
        var data = SidQualityProbe.Generate(30, 12, 4, 6, 3, 0.35, seed: 2);
        var model = new RqVae(16, TinySid.Options);
        var (mean, std) = FeatureMatrix.MeanAndStd(data.Features, 16);
        model.SetNormalisation(mean, std);
        var table = new SidTable(model.Codes(data.Features, 16), 16);
        var ids = Enumerable.Range(0, 30).Select(i => $"item-{i}").ToArray();
        return (model, ids, data.Features, table);
    }
}
