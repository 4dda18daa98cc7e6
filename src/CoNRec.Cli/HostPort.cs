using System.Globalization;

namespace CoNRec.Cli;

/// <summary>A HOST:PORT flag (<c>--seed</c>, <c>--cluster</c>), checked: a host name or IP address (IPv6 in brackets) and a port in [1, 65535].</summary>
internal readonly record struct HostPort(string Host, int Port)
{
    /// <exception cref="BadInputException">The text is not HOST:PORT (names <paramref name="flag"/> and the text).</exception>
    public static HostPort Parse(string text, string flag)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new BadInputException($"{flag} '{text}' must be HOST:PORT with a port in [1, 65535]");
        var host = text[..colon].Trim('[', ']');
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
            throw new BadInputException($"{flag} '{text}': '{host}' is not a host name or an IP address");
        return new HostPort(host, port);
    }
}
