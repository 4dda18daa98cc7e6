using System.Numerics;
using System.Runtime.InteropServices;

namespace CoNRec.Core.Rewards;

/// <summary>Dot products and L2 normalisation over float spans, SIMD-wide where the hardware allows.</summary>
static class SpanMath
{
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = Math.Min(a.Length, b.Length);
        var sum = 0f;
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(a[..n]);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..n]);
            var acc = Vector<float>.Zero;
            for (var k = 0; k < va.Length; k++) acc += va[k] * vb[k];
            sum = Vector.Sum(acc);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Row-major (rows, dim) copy with every row scaled to unit length; zero rows stay zero.</summary>
    public static float[] NormalisedRows(ReadOnlySpan<float> rows, int dim)
    {
        var result = rows.ToArray();
        for (var start = 0; start < result.Length; start += dim)
        {
            var row = result.AsSpan(start, dim);
            var norm = MathF.Sqrt(Dot(row, row));
            if (norm == 0 || !float.IsFinite(norm)) continue;
            var inverse = 1f / norm;
            for (var k = 0; k < row.Length; k++) row[k] *= inverse;
        }
        return result;
    }
}
