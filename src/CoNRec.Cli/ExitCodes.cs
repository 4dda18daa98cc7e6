namespace CoNRec.Cli;

/// <summary>The process exit codes of <c>conrec</c>.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work started and failed (an unexpected error).</summary>
    public const int Failure = 1;

    /// <summary>Bad input: a malformed or missing file, an invalid setting, an unknown id. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
