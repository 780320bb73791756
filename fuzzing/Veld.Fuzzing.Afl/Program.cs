using SharpFuzz;
using Veld.Fuzzing.Afl;

// veld-afl TARGET          run under afl-fuzz (input on standard input or the file AFL names), TARGET: frontend | veldc
// veld-afl TARGET FILE...  run each file once (replaying a saved crash)
if (args.Length == 0 || Target(args[0]) is not { } target)
{
    Console.Error.WriteLine("usage: veld-afl frontend|veldc [FILE...]");
    return 64;
}
if (args.Length > 1)
{
    foreach (var file in args[1..]) target(File.ReadAllBytes(file));
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    target(buffer.ToArray());
});
return 0;

static Action<byte[]>? Target(string name) => name switch
{
    "frontend" => FuzzTargets.FrontEnd,
    "veldc" => FuzzTargets.Veldc,
    _ => null,
};
