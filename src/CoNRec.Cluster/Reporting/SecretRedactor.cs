using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CoNRec.Cluster.Reporting;

/// <summary>
/// Hides secrets in a run's config before it is shown: the values of keys named like a password, API key,
/// secret, credential or token, the password of any URL (<c>postgres://user:***@host</c>) and of any
/// <c>Password=...</c> in a connection string, wherever they occur in string values.
/// </summary>
public static partial class SecretRedactor
{
    public const string Mask = "***";

    // Compared after lower-casing and dropping '_', '-' and '.', so apiKey, api_key and API-KEY all match.
    static readonly string[] SecretWords = ["password", "passwd", "pwd", "apikey", "secret", "credential", "privatekey", "accesskey"];

    // Tokenizer settings end in "token" too but are not secrets.
    static readonly HashSet<string> TokenizerKeys = ["padtoken", "eostoken", "bostoken", "unktoken", "septoken", "clstoken", "masktoken"];

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether a key's value is a secret by its name.</summary>
    public static bool IsSecretKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = string.Concat(key.Where(c => c is not ('_' or '-' or '.'))).ToLowerInvariant();
        if (Array.Exists(SecretWords, name.Contains))
            return true;
        // accessToken, hfToken, token: yes; maxTokens, tokenizer, padToken: no.
        return name.EndsWith("token", StringComparison.Ordinal) && !TokenizerKeys.Contains(name);
    }

    /// <summary>The JSON with secret values masked, indented; text that is not JSON gets the text-level masking only.</summary>
    public static string RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return RedactText(JsonPair().Replace(json, m => IsSecretKey(m.Groups["key"].Value) ? $"{m.Groups["head"].Value}\"{Mask}\"" : m.Value));
        }

        if (root is null)
            return json;
        if (IsString(root))
            return RedactText(json);
        RedactInPlace(root);
        return root.ToJsonString(Indented);
    }

    /// <summary>Masks URL passwords and Password=... pairs in free text.</summary>
    public static string RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = UrlPassword().Replace(text, m => $"{m.Groups["head"].Value}{Mask}@");
        return ConnectionStringPassword().Replace(masked, m => $"{m.Groups["head"].Value}{Mask}");
    }

    static void RedactInPlace(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    if (child is null)
                        continue;
                    if (IsSecretKey(key))
                        obj[key] = Mask;
                    else if (IsString(child))
                        obj[key] = RedactText(child.GetValue<string>());
                    else
                        RedactInPlace(child);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } item)
                        continue;
                    if (IsString(item))
                        array[i] = RedactText(item.GetValue<string>());
                    else
                        RedactInPlace(item);
                }

                break;
        }
    }

    static bool IsString(JsonNode node) => node.GetValueKind() == JsonValueKind.String;

    // scheme://user:password@ -> scheme://user:***@ (the user name stays: it helps and is not a secret).
    [GeneratedRegex(@"(?<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s""]*:)[^@/\s""]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?<head>\b(?:password|pwd)\s*=\s*)[^;&""]*", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringPassword();

    // "key": "value" or "key": 123, for text that does not parse as JSON.
    [GeneratedRegex(@"(?<head>""(?<key>[^""]+)""\s*:\s*)(?:""(?:[^""\\]|\\.)*""|[^,}\]\s]+)")]
    private static partial Regex JsonPair();
}
