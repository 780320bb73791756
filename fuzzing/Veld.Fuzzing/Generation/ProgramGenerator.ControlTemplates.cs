using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Closure/control combinations: capture together with break, continue, throw, return and tail calls,
// and a closure's write observed in the middle of an expression. Each is a place where a VM must close
// upvalues, or re-read a variable, at exactly the right moment: a missed CLOSE on a loop exit, a frame
// reused by a tail call before its upvalues are closed, an operand read from its register after a call
// that wrote it through an upvalue.
public sealed partial class ProgramGenerator
{
    private List<Stmt> ControlTemplate() => Choose<List<Stmt>>(
        (3, CaptureWithLoopExit),
        (2, CaptureThenThrow),
        (2, ReturnCaptureFromLoop),
        (2, TailCallCapture),
        (3, WriteInsideExpression),
        (2, SelfReferentialLogic));

    /// <summary>A suffix that makes a template's names fresh.</summary>
    private string Id() => (++_nameCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Closures made in a loop that skips some iterations with <c>continue</c> and leaves early with <c>break</c>.</summary>
    private List<Stmt> CaptureWithLoopExit()
    {
        Feature(Features.CaptureWithLoopExit);
        Feature(Features.Closures);
        Feature(Features.ClosureCapturesLoopVar);
        Feature(Features.Break);
        Feature(Features.Continue);
        string id = Id();
        int trips = _r.Range(3, 8), skip = _r.Range(0, trips), stop = _r.Range(1, trips + 2);
        string loop = _r.Percent(50)
            ? $"for i{id} in 0..{trips} do"
            : $"var j{id} = -1\n    while j{id} < {trips} do\n        j{id} += 1\n        let i{id} = j{id}";
        string write = _r.Percent(50) ? $"k{id} += i{id}" : $"shared{id} += 1";
        return TemplateText.Parse($"""
            do
                var shared{id} = 0
                let fs{id} = [() => -1]
                {loop}
                    var k{id} = i{id} * {_r.Range(2, 9)}
                    if i{id} == {skip} then continue end
                    fs{id}.push(() => do {write}  k{id} + shared{id} end)
                    if i{id} >= {stop} then break end
                    k{id} += 1
                end
                println(fs{id}.map(f => f()), shared{id})
            end
            """);
    }

    /// <summary>A <c>try</c> body captures a local, writes it through the closure, then raises; the handler
    /// calls the closure after the body's frame region has been unwound.</summary>
    private List<Stmt> CaptureThenThrow()
    {
        Feature(Features.CaptureThenThrow);
        Feature(Features.Closures);
        Feature(Features.TryCatch);
        Feature(Features.Throw);
        string id = Id();
        string raise = _r.Below(3) switch
        {
            0 => $"throw h{id}",
            1 => $"throw v{id}",
            _ => $"let z{id} = 1 / (v{id} - v{id})",
        };
        string handler = raise.StartsWith("throw h", StringComparison.Ordinal) ? $"e{id}()" : $"(e{id}, keep{id}())";
        bool inLoop = _r.Percent(40);
        string core = $"""
            let v{id} = {_r.Range(1, 9)}
                    var w{id} = v{id}
                    let h{id} = () => do w{id} += v{id}  w{id} end
                    keep{id} = h{id}
                    h{id}()
                    {raise}
                    0
            """;
        string tryExpr = $"""
            try
                    {core}
                catch e{id}
                    {handler}
                end
            """;
        return TemplateText.Parse(inLoop
            ? $"""
              var keep{id} = () => 0
              for r{id} in 0..{_r.Range(2, 4)} do
                  println({tryExpr.Replace("\n", "\n    ", StringComparison.Ordinal)}, keep{id}())
                  if r{id} == 1 then break end
              end
              """
            : $"""
              var keep{id} = () => 0
              let g{id} = {tryExpr}
              println(g{id}, keep{id}())
              """);
    }

    /// <summary><c>return</c> from inside nested loops hands out a closure over the loop's locals.</summary>
    private List<Stmt> ReturnCaptureFromLoop()
    {
        Feature(Features.ReturnCaptureFromLoop);
        Feature(Features.Closures);
        Feature(Features.EarlyReturn);
        string id = Id();
        int limit = _r.Range(0, 40);
        return TemplateText.Parse($"""
            fn find{id}(n)
                for i in 0..n do
                    var c = i * i
                    for j in 0..3 do
                        let f = () => do c += j  c end
                        if c + j > {limit} then return f end
                    end
                end
                () => -1
            end
            let found{id} = find{id}({_r.Range(0, 10)})
            println(found{id}(), found{id}(), find{id}({_r.Range(0, 10)})())
            """);
    }

    /// <summary>A tail-recursive function whose every level makes a closure over its parameters: a frame
    /// reused by the tail call must close them first. Now and then deep enough to need proper tail calls.</summary>
    private List<Stmt> TailCallCapture()
    {
        Feature(Features.TailCallCapture);
        Feature(Features.TailCalls);
        Feature(Features.Closures);
        string id = Id();
        bool deep = _r.Percent(20);
        int depth = deep ? _r.Range(10_001, 11_000) : _r.Range(0, 12);
        if (deep) Feature(Features.DeepTailCalls);
        string show = deep
            ? $"fs{id}.len(), fs{id}[0](), fs{id}[fs{id}.len() - 1]()"
            : $"fs{id}.map(g => g())";
        return TemplateText.Parse($"""
            fn collect{id}(n, acc, fs)
                let f = () => n * 2 + acc
                fs.push(f)
                if n <= 0 then fs else collect{id}(n - 1, (acc + n) % 1000, fs) end
            end
            let fs{id} = collect{id}({depth}, {_r.Range(0, 9)}, [])
            println({show})
            """);
    }

    /// <summary>A closure writes a variable that is also an operand of the same expression: the left operand
    /// is read before the call, the right after it (left to right, section 15 of the SPEC).</summary>
    private List<Stmt> WriteInsideExpression()
    {
        Feature(Features.WriteInsideExpression);
        Feature(Features.ClosureCapturesMutated);
        string id = Id();
        int step = _r.Range(1, 20);
        var exprs = new List<string>();
        for (int i = _r.Range(2, 4); i > 0; i--)
        {
            exprs.Add(_r.Below(6) switch
            {
                0 => $"x{id} + bump{id}()",
                1 => $"bump{id}() - x{id}",
                2 => $"x{id} * 2 + bump{id}() * x{id}",
                3 => $"x{id} < bump{id}()",
                4 => $"[x{id}, bump{id}(), x{id}]",
                _ => $"xs{id}[0] + bumpxs{id}() + xs{id}[0]",
            });
        }
        string local = _r.Percent(50) ? "fn" : "do";
        string statements = $"""
            var x{id} = {_r.Range(-5, 5)}
                let bump{id} = () => do x{id} += {step}  x{id} end
                let xs{id} = [{_r.Range(0, 9)}]
                let bumpxs{id} = () => do xs{id}[0] = xs{id}[0] * 2 + 1  0 end
                println({string.Join(", ", exprs)})
                x{id} += bump{id}()
                x{id} = x{id} - bump{id}()
                println(x{id}, xs{id})
            """;
        // In a function the variable is a captured local (an upvalue-backed register); in a do block at top
        // level too; the two tiers that keep top-level names in registers see both.
        return TemplateText.Parse(local == "fn"
            ? $"""
              fn probe{id}()
                  {statements}
              end
              probe{id}()
              """
            : $"""
              do
                  {statements}
              end
              """);
    }

    /// <summary><c>a = b and a</c>, <c>a = a or b</c> and comparisons stored back into their operand.</summary>
    private List<Stmt> SelfReferentialLogic()
    {
        Feature(Features.SelfReferentialLogic);
        Feature(Features.Logical);
        string id = Id();
        string[] steps =
        [
            $"a{id} = b{id} and a{id}", $"a{id} = a{id} or b{id}", $"a{id} = !a{id} and (b{id} or a{id})",
            $"b{id} = a{id} == b{id}", $"a{id} = a{id} != b{id}", $"n{id} = if a{id} then n{id} + 1 else n{id} - 1 end",
            $"a{id} = n{id} >= {_r.Range(-2, 2)} and a{id}", $"b{id} = (n{id} == n{id}) and !b{id}",
        ];
        var chosen = Enumerable.Range(0, _r.Range(3, 6)).Select(_ => _r.Pick(steps) + $"\n    println(a{id}, b{id}, n{id})");
        return TemplateText.Parse($"""
            do
                var a{id} = {(_r.Percent(50) ? "true" : "false")}
                var b{id} = {(_r.Percent(50) ? "true" : "false")}
                var n{id} = {_r.Range(-2, 2)}
                {string.Join("\n    ", chosen)}
            end
            """);
    }
}
