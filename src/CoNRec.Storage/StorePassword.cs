namespace CoNRec.Storage;

/// <summary>The PostgreSQL password from the environment, for locations that do not carry one.</summary>
static class StorePassword
{
    /// <summary><c>CONREC_STORE_PASSWORD</c>, else the content of the file <c>CONREC_STORE_PASSWORD_FILE</c> names, else null.</summary>
    public static string? FromEnvironment(Func<string, string?> environment)
    {
        var direct = environment(StoreLocation.PasswordVariable);
        if (!string.IsNullOrEmpty(direct))
            return direct;
        var file = environment(StoreLocation.PasswordFileVariable);
        if (string.IsNullOrWhiteSpace(file))
            return null;
        try
        {
            // Secret files (Docker, Kubernetes) often end with a newline that is not part of the password.
            return File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{StoreLocation.PasswordFileVariable}: cannot read the password file '{file}': {e.Message}", e);
        }
    }
}
