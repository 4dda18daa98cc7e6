using System.Globalization;
using Npgsql;

namespace CoNRec.Storage;

/// <summary>libpq-style URLs (<c>postgres://user:pass@host:port/db?sslmode=require</c>) as Npgsql settings.</summary>
static class PostgresUrl
{
    const string KnownParameters = "host, port, dbname, user, password, sslmode, application_name, connect_timeout, options";

    public static NpgsqlConnectionStringBuilder ToBuilder(string url, string setting)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new ArgumentException($"{setting} is not a valid PostgreSQL URL (got '{Redact(url)}')");

        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }

        if (uri.DnsSafeHost.Length > 0)
            builder.Host = uri.DnsSafeHost;
        if (uri.Port > 0)
            builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            Apply(builder, key, value, setting);
        }

        return builder;
    }

    static void Apply(NpgsqlConnectionStringBuilder builder, string key, string value, string setting)
    {
        switch (key)
        {
            case "host": builder.Host = value; break;
            case "port": builder.Port = ParseInt(key, value, setting); break;
            case "dbname": builder.Database = value; break;
            case "user": builder.Username = value; break;
            case "password": builder.Password = value; break;
            case "application_name": builder.ApplicationName = value; break;
            case "connect_timeout": builder.Timeout = ParseInt(key, value, setting); break;
            case "options": builder.Options = value; break;
            case "sslmode":
                builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                    ? mode
                    : throw new ArgumentException($"{setting}: sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full (got '{value}')");
                break;
            default:
                throw new ArgumentException($"{setting}: unknown parameter '{key}' in the PostgreSQL URL (known: {KnownParameters})");
        }
    }

    static int ParseInt(string key, string value, string setting) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new ArgumentException($"{setting}: {key} must be a whole number (got '{value}')");

    /// <summary>The text with any URL user information replaced, for error messages.</summary>
    public static string Redact(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.LastIndexOf('@');
        return scheme >= 0 && at > scheme ? string.Concat(text.AsSpan(0, scheme + 3), "***", text.AsSpan(at)) : text;
    }
}
