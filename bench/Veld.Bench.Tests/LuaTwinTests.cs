using Veld.Bench;

namespace Veld.Bench.Tests;

/// <summary>A theory that is skipped, saying why, when lua5.4 is not installed (Lua is optional).</summary>
public sealed class LuaTheoryAttribute : TheoryAttribute
{
    public static readonly LuaBaseline? Lua = LuaBaseline.Locate();

    public LuaTheoryAttribute()
    {
        if (Lua is null) Skip = $"{LuaBaseline.DefaultCommand} is not on PATH";
    }
}

/// <summary>Each Lua twin verifies itself the same way and prints the same line as its Veld program.</summary>
public class LuaTwinTests
{
    [LuaTheory]
    [MemberData(nameof(SmallSizes.Names), MemberType = typeof(SmallSizes))]
    public void Lua_twin_prints_the_same_line_as_the_veld_program(string name)
    {
        var program = Suite.Program(name);
        var (size, line) = SmallSizes.Expected[name];

        var run = LuaTheoryAttribute.Lua!.Run(program.LuaPath!, [size], TimeSpan.FromMinutes(1));

        Assert.False(run.TimedOut);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal(line + "\n", run.Stdout);
    }

    [LuaTheory]
    [InlineData("sieve")]
    public void A_failed_verification_in_a_lua_twin_is_a_nonzero_exit(string name)
    {
        // The twin asserts its result; a corrupted copy must fail, not print a line.
        var program = Suite.Program(name);
        var broken = Path.Combine(Path.GetTempPath(), $"veld-bench-test-{Guid.NewGuid():N}.lua");
        File.WriteAllText(broken, File.ReadAllText(program.LuaPath!).Replace("primes == 669", "primes == 670"));
        try
        {
            var run = LuaTheoryAttribute.Lua!.Run(broken, ["1"], TimeSpan.FromMinutes(1));
            Assert.NotEqual(0, run.ExitCode);
            Assert.Contains("sieve: wrong prime count", run.Stderr);
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
