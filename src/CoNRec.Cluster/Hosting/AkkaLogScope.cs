using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CoNRec.Cluster.Hosting;

/// <summary>
/// Points Serilog's static <see cref="Log.Logger"/>, which Akka's log events go to (Akka.Logger.Serilog and
/// <see cref="AkkaStdoutLogger"/> read it), at a command's logger from <paramref name="minimum"/> up, and puts the
/// previous one back on dispose. A command that runs its own cluster of one opens a scope around it, so Akka's
/// warnings and errors reach its log while Akka's lifecycle chatter (remoting and cluster start and stop) does not.
/// </summary>
public sealed class AkkaLogScope : IDisposable
{
    readonly ILogger _previous;
    readonly Logger _forAkka;

    AkkaLogScope(ILogger previous, Logger forAkka) => (_previous, _forAkka) = (previous, forAkka);

    public static AkkaLogScope Open(ILogger logger, LogEventLevel minimum = LogEventLevel.Warning)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var forAkka = new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Logger(logger).CreateLogger();
        var scope = new AkkaLogScope(Log.Logger, forAkka);
        Log.Logger = forAkka;
        return scope;
    }

    public void Dispose()
    {
        if (ReferenceEquals(Log.Logger, _forAkka)) Log.Logger = _previous;
        _forAkka.Dispose();
    }
}
