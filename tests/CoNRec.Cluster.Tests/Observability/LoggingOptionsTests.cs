using System.Collections;
using CoNRec.Cluster.Observability;

namespace CoNRec.Cluster.Tests.Observability;

public sealed class LoggingOptionsTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("conrec-logging-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static Hashtable Env(params (string Name, string Value)[] variables)
    {
        var env = new Hashtable();
        foreach (var (name, value) in variables)
            env[name] = value;
        return env;
    }

    [Fact]
    public void Defaults_log_information_to_the_console_only()
    {
        var options = LoggingOptions.Resolve(null, null, Env());

        Assert.Equal(Serilog.Events.LogEventLevel.Information, options.MinimumLevel);
        Assert.True(options.Console);
        Assert.Null(options.SeqUrl);
        Assert.Null(options.SeqApiKey);
        Assert.True(options.SeqBufferSize > 0);
    }

    [Fact]
    public void Environment_supplies_url_and_key_when_flags_are_absent()
    {
        var options = LoggingOptions.Resolve(null, "", Env(("CONREC_SEQ_URL", "http://seq:5341"), ("CONREC_SEQ_API_KEY", "env-key")));

        Assert.Equal("http://seq:5341", options.SeqUrl);
        Assert.Equal("env-key", options.SeqApiKey);
    }

    [Fact]
    public void Flags_win_over_the_environment()
    {
        var options = LoggingOptions.Resolve("https://flag:443", "flag-key",
            Env(("CONREC_SEQ_URL", "http://seq:5341"), ("CONREC_SEQ_API_KEY", "env-key")));

        Assert.Equal("https://flag:443", options.SeqUrl);
        Assert.Equal("flag-key", options.SeqApiKey);
    }

    [Fact]
    public void Key_file_is_read_and_trimmed()
    {
        var path = Path.Combine(_dir, "seq.key");
        File.WriteAllText(path, "  file-key\n");

        var options = LoggingOptions.Resolve(null, null, Env(("CONREC_SEQ_API_KEY_FILE", path)));

        Assert.Equal("file-key", options.SeqApiKey);
    }

    [Fact]
    public void Missing_key_file_is_an_error_naming_the_variable_and_path()
    {
        var path = Path.Combine(_dir, "absent.key");

        var error = Assert.Throws<ArgumentException>(() => LoggingOptions.Resolve(null, null, Env(("CONREC_SEQ_API_KEY_FILE", path))));

        Assert.Contains("CONREC_SEQ_API_KEY_FILE", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seq:5341")]
    [InlineData("/relative/path")]
    [InlineData("ftp://seq:21")]
    public void Validate_rejects_a_url_that_is_not_absolute_http(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new LoggingOptions { SeqUrl = url }.Validate());

        Assert.StartsWith($"logging.seqUrl must be an absolute http(s) URL (got '{url}')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_an_empty_buffer()
    {
        var error = Assert.Throws<ArgumentException>(() => new LoggingOptions { SeqBufferSize = 0 }.Validate());

        Assert.StartsWith("logging.seqBufferSize must be > 0 (got 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_never_shows_the_api_key()
    {
        var options = new LoggingOptions { SeqUrl = "http://seq:5341", SeqApiKey = "very-secret-key" };

        var text = options.ToString();

        Assert.DoesNotContain("very-secret-key", text, StringComparison.Ordinal);
        Assert.Contains("SeqApiKey = ***", text, StringComparison.Ordinal);
        Assert.Contains("SeqUrl = http://seq:5341", text, StringComparison.Ordinal);
    }
}
