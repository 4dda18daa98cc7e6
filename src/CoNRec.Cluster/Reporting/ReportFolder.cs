namespace CoNRec.Cluster.Reporting;

/// <summary>Replacing an output folder as a whole: write a temporary sibling, then rename it into place.</summary>
internal static class ReportFolder
{
    /// <summary>Refuses a folder holding anything a report would not write, so a mistyped path cannot delete other work.</summary>
    public static void EnsureReplaceable(string target, IReadOnlySet<string> ownFiles)
    {
        if (File.Exists(target))
            throw new IOException($"report folder {target} is a file");
        if (!Directory.Exists(target))
            return;
        var foreign = Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).FirstOrDefault(n => !ownFiles.Contains(n!));
        if (foreign is not null)
            throw new IOException($"report folder {target} holds '{foreign}', which is not part of a report; choose an empty or new folder");
    }

    public static string CreateTemporarySibling(string target)
    {
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"report folder {target} has no parent folder");
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temp);
        return temp;
    }

    /// <summary>
    /// Moves <paramref name="temp"/> to <paramref name="target"/>. An existing report is first moved aside and
    /// deleted afterwards; should the second rename fail, the old report is moved back.
    /// </summary>
    public static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        var old = temp + ".old";
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        DeleteQuietly(old);
    }

    // Leftovers of a temporary folder are harmless (hidden, named .*.tmp), so a failed clean-up is not an error.
    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
