using CoNRec.Cluster.Configuration;
using CoNRec.Core.Data;
using CoNRec.Core.Synthetic;

namespace CoNRec.Cluster.Tests.Configuration;

public sealed class DataSectionTests
{
    static int Negatives(Dataset dataset) => dataset.Events.Kinds.Count(FeedbackKind.Negative);

    [Fact]
    public void A_run_reads_only_interest_related_negatives_unless_told_to_keep_every_reason()
    {
        var folder = Path.Combine(Path.GetTempPath(), "conrec-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "world.conrec");
            DatasetFile.Write(SyntheticWorld.Generate(new SyntheticWorldOptions { Users = 200, Items = 150, Days = 20 }), path);
            var raw = DatasetFile.Read(path);

            var cleaned = new DataSection { Dataset = path }.Read(path);
            var everything = new DataSection { Dataset = path, KeepAllReasons = true }.Read(path);

            Assert.Equal(Negatives(NegativeCleaning.KeepInterestRelated(raw)), Negatives(cleaned));
            Assert.True(Negatives(cleaned) < Negatives(raw), "the synthetic world has negatives of non-interest reasons");
            Assert.Equal(Negatives(raw), Negatives(everything));
            Assert.Equal(raw.Events.Count, cleaned.Events.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
