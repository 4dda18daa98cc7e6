namespace CoNRec.Cluster.Observability;

/// <summary>Replaces secret values (passwords, API keys) in text with "***".</summary>
public static class Secrets
{
    public const string Mask = "***";

    /// <summary>
    /// <paramref name="text"/> with every occurrence of every non-empty secret replaced by <see cref="Mask"/>.
    /// Longer secrets go first, so a secret that contains another is masked whole.
    /// </summary>
    public static string Redact(string text, params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        return RedactNormalized(text, Normalize(secrets));
    }

    /// <summary>Non-empty, distinct, longest first: the form <see cref="RedactNormalized"/> expects.</summary>
    internal static string[] Normalize(IEnumerable<string?> secrets)
    {
        var kept = new List<string>();
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && !kept.Contains(secret, StringComparer.Ordinal))
                kept.Add(secret);
        }

        kept.Sort((a, b) => b.Length.CompareTo(a.Length));
        return [.. kept];
    }

    internal static bool ContainsAny(string text, IReadOnlyList<string> secrets)
    {
        for (var i = 0; i < secrets.Count; i++)
        {
            if (text.Contains(secrets[i], StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    internal static string RedactNormalized(string text, IReadOnlyList<string> secrets)
    {
        for (var i = 0; i < secrets.Count; i++)
            text = text.Replace(secrets[i], Mask, StringComparison.Ordinal);
        return text;
    }
}
