// The `veld` command; subcommands are added as their components land.
Console.Error.WriteLine("veld: no commands yet");
return 64;
