using System.Reflection;
using CoNRec.Cluster.Hosting;
using CoNRec.Storage;

namespace CoNRec.Cluster.Tests.Deployment;

/// <summary>The CONREC_* variables the code defines: every public const string starting with CONREC_ in the Cluster and Storage assemblies.</summary>
internal static class ConrecVariables
{
    public static IReadOnlySet<string> Defined { get; } =
        new[] { typeof(NodeVariables).Assembly, typeof(StoreLocation).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsVisible)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(v => v.StartsWith("CONREC_", StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
}
