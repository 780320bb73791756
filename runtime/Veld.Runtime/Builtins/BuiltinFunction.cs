namespace Veld.Runtime;

public delegate Value BuiltinImpl(ExecutionContext context, ReadOnlySpan<Value> args);

/// <summary>A builtin function value (<c>println</c>, <c>len</c>, ...). Checks its argument count (Arity error).</summary>
public sealed class BuiltinFunction(string name, int minArgs, int maxArgs, BuiltinImpl impl) : FunctionObject
{
    public string Name { get; } = name;
    public int MinArgs { get; } = minArgs;
    /// <summary><see cref="int.MaxValue"/> for variadic builtins.</summary>
    public int MaxArgs { get; } = maxArgs;
    public override string DisplayName => $"<builtin {Name}>";

    public Value Invoke(ExecutionContext context, ReadOnlySpan<Value> args)
    {
        if (args.Length < MinArgs || args.Length > MaxArgs)
            throw new VeldRuntimeException(ErrorKind.Arity, ArityMessage(args.Length));
        return impl(context, args);
    }

    private string ArityMessage(int given) =>
        MinArgs == MaxArgs ? $"{Name} expects {MinArgs} argument(s), got {given}"
        : MaxArgs == int.MaxValue ? $"{Name} expects at least {MinArgs} argument(s), got {given}"
        : $"{Name} expects {MinArgs} to {MaxArgs} arguments, got {given}";
}
