using System.Text;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Puts an options record's validation messages in the run config's terms. Each record names its settings with
/// its own prefix ("sft.batchSize", "sid.codebook_size", "lora.rank"); in a run config the same record sits at a
/// section path ("warmupSft", "sid", "policy.lora") and its settings are camelCase, so
/// "sft.batchSize" becomes "warmupSft.batchSize" and "sid.codebook_size" becomes "sid.codebookSize".
/// </summary>
internal static partial class SectionErrors
{
    /// <summary>Runs <paramref name="validate"/>; its <see cref="ArgumentException"/> comes back in section terms.</summary>
    /// <param name="renames">Setting names the record's messages use that differ from its JSON names.</param>
    public static void Rebase(Action validate, string recordPrefix, string sectionPath, IReadOnlyDictionary<string, string>? renames = null)
    {
        try
        {
            validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(Rebase(MessageOf(e), recordPrefix, sectionPath, renames), e);
        }
    }

    public static string Rebase(string message, string recordPrefix, string sectionPath, IReadOnlyDictionary<string, string>? renames = null) =>
        PrefixedSetting().Replace(message, m =>
        {
            if (m.Groups["prefix"].Value != recordPrefix) return m.Value;
            var name = CamelCase(m.Groups["name"].Value);
            if (renames is not null && renames.TryGetValue(name, out var renamed)) name = renamed;
            return $"{sectionPath}.{name}";
        });

    /// <summary>The message without the " (Parameter 'x')" that ArgumentException appends.</summary>
    public static string MessageOf(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    // "codebook_size" -> "codebookSize"; camelCase names pass through.
    static string CamelCase(string name)
    {
        if (!name.Contains('_', StringComparison.Ordinal)) return name;
        var builder = new StringBuilder(name.Length);
        var upper = false;
        foreach (var c in name)
        {
            if (c == '_') { upper = true; continue; }
            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        return builder.ToString();
    }

    // A setting reference such as "sft.batchSize" at a word start (not inside "alignmentSft.batchSize").
    [GeneratedRegex(@"(?<![\w.])(?<prefix>[A-Za-z]\w*)\.(?<name>[A-Za-z_]\w*)")]
    private static partial Regex PrefixedSetting();
}
