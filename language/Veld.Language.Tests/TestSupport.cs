using System.Collections;
using Veld.Language.Syntax;

namespace Veld.Language.Tests;

/// <summary>Small helpers shared by the front-end tests.</summary>
internal static class V
{
    public static Source Src(string code) => new("test.veld", code);

    public static CompileResult Compile(string code) => VeldCompiler.Compile(Src(code));

    /// <summary>Compiles and asserts success, showing the diagnostics otherwise.</summary>
    public static CheckedProgram Ok(string code)
    {
        var result = Compile(code);
        Assert.True(result.Success, "unexpected diagnostics:\n" + string.Join("\n", Format(result.Diagnostics)));
        return result.Program!;
    }

    /// <summary>The S-expression form of a program that must parse without errors.</summary>
    public static string Tree(string code)
    {
        var (syntax, diagnostics) = VeldCompiler.Parse(Src(code));
        Assert.True(diagnostics.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", Format(diagnostics)));
        return SyntaxPrinter.Print(syntax);
    }

    /// <summary>All diagnostics of a compilation as <c>LINE:COL: message</c>.</summary>
    public static List<string> Errors(string code) => Format(Compile(code).Diagnostics);

    /// <summary>The first diagnostic (the one the harness compares), which must exist.</summary>
    public static string FirstError(string code)
    {
        var errors = Errors(code);
        Assert.True(errors.Count > 0, "expected a compile error, but the program compiled");
        return errors[0];
    }

    public static List<string> Format(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.Select(d => $"{d.Pos.Line}:{d.Pos.Column}: {d.Message}").ToList();

    /// <summary>Every node reachable from <paramref name="root"/> (children through properties and lists;
    /// each node once), in depth-first order.</summary>
    public static IEnumerable<Node> Nodes(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<object>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            if (!seen.Add(item)) continue;
            if (item is Node node) yield return node;
            var children = new List<object>();
            foreach (var property in item.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length > 0 || property.PropertyType == typeof(string)) continue;
                // Resolver cross-links point into other parts of the tree; follow only the syntax.
                if (property.Name is "Struct" or "StaticMethod" or "Owner" or "Enum" or "FieldOrderArgs" or "Methods" or "Upvalues" or "Ref")
                    if (item is not ImplDecl) continue;
                if (item is MethodCallExpr && property.Name == "Type") continue;
                var value = property.GetValue(item);
                switch (value)
                {
                    case null or string or Binding or SourcePos: break;
                    case Node or Argument or MapEntry or IfBranch or FormatPart or Parameter: children.Add(value); break;
                    case IEnumerable list:
                        foreach (var element in list)
                            if (element is Node or Argument or MapEntry or IfBranch or FormatPart or Parameter) children.Add(element);
                        break;
                }
            }
            for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
    }

    public static List<T> All<T>(CheckedProgram program) where T : Node =>
        Nodes(program.Script.Body).OfType<T>().ToList();

    public static T Single<T>(CheckedProgram program, Func<T, bool> predicate) where T : Node =>
        Assert.Single(All<T>(program), n => predicate(n));

    public static FunctionNode Function(CheckedProgram program, string name) =>
        Assert.Single(Nodes(program.Script.Body).OfType<FunctionNode>(), f => f.Name == name);

    public static NameExpr NameAt(CheckedProgram program, int line, int column) =>
        Assert.Single(All<NameExpr>(program), n => n.Pos == new SourcePos(line, column));
}
