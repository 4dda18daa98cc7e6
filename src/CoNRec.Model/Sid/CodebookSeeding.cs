using static TorchSharp.torch;

namespace CoNRec.Model.Sid;

/// <summary>
/// Places codewords where the data is: k-means initialisation of every level on one batch's residuals, and
/// re-seeding of codes no item chose (dead codes) at random residuals of a batch. Both work level by level,
/// so that level l sees the residuals left by the (already placed) codebooks before it.
/// </summary>
internal static class CodebookSeeding
{
    public static void KMeans(RqVae model, Tensor batch, int iterations, Random rng) // batch (B, Din)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var rq = model.Quantizer;
        var residual = model.Encode(batch); // (B, D)
        var dim = (int)residual.shape[1];
        var all = arange(rq.CodebookSize, dtype: ScalarType.Int64, device: residual.device);
        for (var l = 0; l < rq.Levels; l++)
        {
            var points = residual.cpu().data<float>().ToArray();
            var centres = Sid.KMeans.Fit(points, dim, rq.CodebookSize, iterations, rng);
            rq.SetCodewords(l, all, tensor(centres, [rq.CodebookSize, dim]).to(residual.device));
            residual = Subtract(residual, rq.Codebook(l));
        }
    }

    /// <returns>How many codes were re-seeded, over all levels.</returns>
    public static int ResetDeadCodes(RqVae model, Tensor batch, long[][] usage, Random rng) // batch (B, Din)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var rq = model.Quantizer;
        var residual = model.Encode(batch); // (B, D)
        var rows = (int)residual.shape[0];
        var reset = 0;
        for (var l = 0; l < rq.Levels; l++)
        {
            var dead = new List<long>();
            for (var c = 0; c < usage[l].Length; c++)
                if (usage[l][c] == 0) dead.Add(c);
            if (dead.Count > 0)
            {
                var sources = DistinctRows(rows, dead.Count, rng);
                var values = residual.index_select(0, tensor(sources, device: residual.device));
                rq.SetCodewords(l, tensor(dead.ToArray(), device: residual.device), values);
                reset += dead.Count;
            }
            residual = Subtract(residual, rq.Codebook(l));
        }
        return reset;
    }

    /// <summary>count row indices below rows, distinct while there are enough rows.</summary>
    static long[] DistinctRows(int rows, int count, Random rng)
    {
        var pool = Enumerable.Range(0, rows).Select(i => (long)i).ToArray();
        rng.Shuffle(pool);
        var picked = new long[count];
        for (var i = 0; i < count; i++) picked[i] = i < rows ? pool[i] : rng.Next(rows);
        return picked;
    }

    /// <summary>The residual after quantising with one codebook.</summary>
    static Tensor Subtract(Tensor residual, Tensor codebook) // (B, D), (K, D)
        => residual - codebook.index_select(0, ResidualQuantizer.Nearest(residual, codebook));
}
