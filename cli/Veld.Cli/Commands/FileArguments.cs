using System.CommandLine;

namespace Veld.Cli.Commands;

/// <summary>
/// The FILE and PATHS arguments of the commands, built one way. A token that starts with '-' is an option
/// nobody declared: the parser would otherwise take <c>--bogus</c> for a file name.
/// </summary>
internal static class FileArguments
{
    /// <summary>One required FILE.</summary>
    public static Argument<string> One(string description) =>
        RejectingOptions(new Argument<string>("FILE") { Description = description });

    /// <summary>Zero or more paths under <paramref name="name"/>; <paramref name="whenNone"/> stands in when none are given.</summary>
    public static Argument<string[]> Many(string name, string description, string[]? whenNone = null)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.ZeroOrMore };
        if (whenNone is not null) argument.DefaultValueFactory = _ => whenNone;
        return RejectingOptions(argument);
    }

    private static Argument<T> RejectingOptions<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (token.Value.Length > 1 && token.Value.StartsWith('-'))
                    result.AddError($"Unrecognized option '{token.Value}'.");
        });
        return argument;
    }
}
