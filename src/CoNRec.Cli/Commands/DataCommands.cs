using System.CommandLine;
using CoNRec.Cli.Commands.Data;

namespace CoNRec.Cli.Commands;

/// <summary><c>conrec data</c>: make, import and describe behaviour logs.</summary>
public static class DataCommands
{
    public static Command Build(CliConsole console) => new("data", "Create, import and inspect behaviour-log datasets (*.conrec).")
    {
        SynthCommand.Build(console),
        ImportCommand.Build(console),
        StatsCommand.Build(console),
    };
}
