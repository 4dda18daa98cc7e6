using System.Collections;
using System.Globalization;
using System.Text;
using Serilog.Events;

namespace CoNRec.Cluster.Observability;

/// <summary>Where logs go: the console and, when <see cref="SeqUrl"/> is set, a Seq server.</summary>
/// <param name="SeqApiKey">Sent as the X-Seq-ApiKey header; never printed: ToString shows "***".</param>
/// <param name="SeqBufferSize">
/// Events held in memory while Seq is slow or down; beyond it new events are dropped, so an unreachable Seq
/// costs at most this many events of memory.
/// </param>
/// <param name="SeqBatchSize">Events per HTTP request to Seq.</param>
public sealed record LoggingOptions(
    LogEventLevel MinimumLevel = LogEventLevel.Information,
    bool Console = true,
    string? SeqUrl = null,
    string? SeqApiKey = null,
    int SeqBufferSize = 10_000,
    int SeqBatchSize = 1_000)
{
    public const string SeqUrlVariable = "CONREC_SEQ_URL";
    public const string SeqApiKeyVariable = "CONREC_SEQ_API_KEY";
    public const string SeqApiKeyFileVariable = "CONREC_SEQ_API_KEY_FILE";

    /// <summary>
    /// Seq settings from command-line flags, falling back to the environment: the URL from CONREC_SEQ_URL, the
    /// key from CONREC_SEQ_API_KEY, else from the file named by CONREC_SEQ_API_KEY_FILE (trimmed). Empty
    /// values count as unset. Other settings keep their defaults; callers adjust them with <c>with</c>.
    /// </summary>
    public static LoggingOptions Resolve(string? flagUrl, string? flagKey, IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var url = NonEmpty(flagUrl) ?? NonEmpty(Lookup(environment, SeqUrlVariable));
        var key = NonEmpty(flagKey) ?? NonEmpty(Lookup(environment, SeqApiKeyVariable));
        if (key is null && NonEmpty(Lookup(environment, SeqApiKeyFileVariable)) is { } keyFile)
            key = ReadKeyFile(keyFile);
        return new LoggingOptions { SeqUrl = url, SeqApiKey = key };
    }

    /// <summary><see cref="Resolve(string?, string?, IDictionary)"/> against this process's environment.</summary>
    public static LoggingOptions Resolve(string? flagUrl, string? flagKey) =>
        Resolve(flagUrl, flagKey, Environment.GetEnvironmentVariables());

    public void Validate()
    {
        if (SeqUrl is not null
            && !(Uri.TryCreate(SeqUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
            throw new ArgumentException($"logging.seqUrl must be an absolute http(s) URL (got '{SeqUrl}')", nameof(SeqUrl));
        if (!Enum.IsDefined(MinimumLevel))
            throw new ArgumentException($"logging.minimumLevel must be one of {string.Join(", ", Enum.GetNames<LogEventLevel>())} (got {MinimumLevel})", nameof(MinimumLevel));
        if (SeqBufferSize <= 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"logging.seqBufferSize must be > 0 (got {SeqBufferSize})"), nameof(SeqBufferSize));
        if (SeqBatchSize <= 0)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"logging.seqBatchSize must be > 0 (got {SeqBatchSize})"), nameof(SeqBatchSize));
    }

    // The key is a secret: ToString shows only whether one is set.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture,
            $"MinimumLevel = {MinimumLevel}, Console = {Console}, SeqUrl = {SeqUrl ?? "null"}, SeqApiKey = {(SeqApiKey is null ? "null" : "***")}, SeqBufferSize = {SeqBufferSize}, SeqBatchSize = {SeqBatchSize}");
        return true;
    }

    static string? Lookup(IDictionary environment, string name) => environment[name] as string;

    static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static string ReadKeyFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"logging.seqApiKey: cannot read {SeqApiKeyFileVariable} file '{path}': {e.Message}", e);
        }

        return NonEmpty(text) ?? throw new ArgumentException($"logging.seqApiKey: {SeqApiKeyFileVariable} file '{path}' is empty");
    }
}
