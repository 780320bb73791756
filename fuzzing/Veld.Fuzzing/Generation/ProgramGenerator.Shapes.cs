using Veld.Language.Syntax;

namespace Veld.Fuzzing.Generation;

// Where the targeted shapes go: each is self-contained (fresh names, its own declarations), so it can be
// put between any two top-level statements of the main program.
public sealed partial class ProgramGenerator
{
    private void AddTargetedShapes(List<Stmt> main)
    {
        if (!_opt.TargetedShapes) return;
        var shapes = new List<List<Stmt>>();
        if (_r.Percent(30)) shapes.Add(EdgeProbe());
        if (_r.Percent(15)) shapes.Add(PolymorphicStructs());
        if (_r.Percent(15)) shapes.Add(MixedOperandKinds());
        if (_r.Percent(10)) shapes.Add(MethodNameKeys());
        if (_r.Percent(50))
            for (int i = _r.Range(1, 2); i > 0; i--) shapes.Add(ControlTemplate());
        if (_r.Percent(_opt.BigFunctionPercent)) shapes.Add(ManyConstants());
        if (_r.Percent(_opt.BigFunctionPercent)) shapes.Add(ManyRegisters());
        foreach (var shape in shapes) main.InsertRange(_r.Range(0, main.Count), shape);
    }
}
