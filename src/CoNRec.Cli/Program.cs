using CoNRec.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await ConrecApp.RunAsync(args, CliConsole.System, cancel.Token);
