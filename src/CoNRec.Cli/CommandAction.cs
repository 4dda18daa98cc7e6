using CoNRec.Core.Data;

namespace CoNRec.Cli;

/// <summary>
/// Runs a command body and turns its outcome into an exit code: bad input (a file or setting the user can
/// fix) prints one "error:" line and returns 2; anything unexpected prints "failed:" and returns 1.
/// </summary>
public static class CommandAction
{
    public static async Task<int> RunAsync(CliConsole console, Func<Task> body)
    {
        try
        {
            await body();
            return ExitCodes.Ok;
        }
        catch (Exception e) when (IsBadInput(e))
        {
            await console.Error.WriteLineAsync($"error: {e.Message}");
            if (TraceRequested) await console.Error.WriteLineAsync(e.ToString());
            return ExitCodes.BadInput;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            await console.Error.WriteLineAsync($"failed: {e.GetType().Name}: {e.Message}");
            await console.Error.WriteLineAsync(e.StackTrace);
            return ExitCodes.Failure;
        }
    }

    /// <summary>CONREC_TRACE=1 adds the stack trace to bad-input errors (for reporting a suspected bug).</summary>
    static bool TraceRequested => Environment.GetEnvironmentVariable("CONREC_TRACE") == "1";

    static bool IsBadInput(Exception e) =>
        e is DataFileException or ArgumentException or InvalidDataException or FileNotFoundException or DirectoryNotFoundException or BadInputException;
}

/// <summary>A problem with what the user asked for, already worded for them.</summary>
public sealed class BadInputException(string message) : Exception(message);
