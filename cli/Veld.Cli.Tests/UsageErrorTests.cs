namespace Veld.Cli.Tests;

public class UsageErrorTests
{
    [Theory]
    [InlineData("Unrecognized command or argument 'frob'", "frob")]
    [InlineData("Unrecognized option '--bogus'", "run", "--bogus", "x.veld")]
    [InlineData("Unrecognized option '--bogus'", "diff", "--bogus")]
    [InlineData("unexpected argument '--verbose'; arguments for the program go after --", "run", "x.veld", "--verbose")]
    [InlineData("Argument 'jet' not recognized", "run", "--tier", "jet", "x.veld")]
    [InlineData("unknown tier 'jet'; the tiers are tree, stack", "diff", "--tiers", "tree,jet", ".")]
    [InlineData("--fuel expects a positive whole number, not 'lots'", "run", "--fuel", "lots", "x.veld")]
    [InlineData("--timeout expects a positive number, not '-1'", "diff", "--timeout", "-1")]
    [InlineData("--max-depth expects a positive whole number, not '0'", "run", "--max-depth", "0", "x.veld")]
    [InlineData("Required argument missing", "run")]
    public void Bad_command_lines_exit_64_with_a_clear_message(string message, params string[] args)
    {
        var result = RunFake(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(message, result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public void A_missing_file_exits_64_and_says_so()
    {
        var result = RunFake("run", "no/such/file.veld");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("veld: cannot open 'no/such/file.veld': no such file\n", result.Stderr);
    }

    [Fact]
    public void A_directory_is_not_a_program()
    {
        using var corpus = new Veld.Differential.Tests.TempCorpus();
        var result = RunFake("run", corpus.Root);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("is a directory", result.Stderr);
    }

    [Theory]
    [InlineData("did you mean 'run' for 'rnu'?", "rnu", "x.veld")]
    [InlineData("did you mean 'diff' for 'dif'?", "dif")]
    [InlineData("did you mean '--print-result' for '--print-reslt'?", "run", "--print-reslt", "x.veld")]
    [InlineData("did you mean 'stack' for 'stak'?", "run", "--tier", "stak", "x.veld")]
    public void A_mistyped_word_gets_a_did_you_mean(string hint, params string[] args)
    {
        var result = RunFake(args);
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"veld: {hint}\n", result.Stderr);
    }

    [Fact]
    public void A_word_far_from_every_known_one_gets_no_guess()
    {
        Assert.DoesNotContain("did you mean", RunFake("frobnicate").Stderr);
    }

    [Fact]
    public void Diff_without_paths_and_without_a_corpus_here_says_what_to_give_it()
    {
        using var empty = new Veld.Differential.Tests.TempCorpus();
        var stderr = new StringWriter();
        var console = new CliConsole(new StringWriter(), stderr, interactive: false);
        Assert.Null(Commands.DiffInputs.Resolve(console, Fakes.Tiers, [], empty.Root));
        Assert.Contains("there is no corpus/ folder here; give the programs or folders to run", stderr.ToString());
        Directory.CreateDirectory(Path.Combine(empty.Root, "corpus"));
        Assert.Equal(new[] { "corpus" }, Commands.DiffInputs.Resolve(console, Fakes.Tiers, [], empty.Root)!);
    }

    [Fact]
    public void A_missing_diff_path_exits_64()
    {
        var result = RunFake("diff", "no/such/dir");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("veld: no such file or directory: no/such/dir\n", result.Stderr);
    }
}
