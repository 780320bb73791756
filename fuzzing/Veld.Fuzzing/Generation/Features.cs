namespace Veld.Fuzzing.Generation;

/// <summary>
/// The language features a generated program can exercise, recorded by the generator as it writes
/// them, for <c>veld fuzz --stats</c>: a feature that never appears is a hole in the fuzzing.
/// </summary>
public static class Features
{
    public const string IntArithmetic = "int-arithmetic";
    public const string FloatArithmetic = "float-arithmetic";
    public const string Bitwise = "bitwise";
    public const string Power = "power";
    public const string Comparison = "comparison";
    public const string Logical = "logical";
    public const string Cast = "cast";
    public const string StringConcat = "string-concat";
    public const string StringMethods = "string-methods";
    public const string StringIndex = "string-index";
    public const string Unicode = "unicode-strings";
    public const string FormatMacro = "format-macro";
    public const string Assert = "assert";
    public const string Builtins = "builtins";
    public const string ModulePrint = "std-io-print";
    public const string Import = "import";
    public const string Arrays = "arrays";
    public const string ArrayMethods = "array-methods";
    public const string HigherOrderMethods = "higher-order-methods";
    public const string ArrayMutation = "array-mutation";
    public const string NestedArrays = "nested-arrays";
    public const string Tuples = "tuples";
    public const string Destructuring = "destructuring";
    public const string Maps = "maps";
    public const string MapMutation = "map-mutation";
    public const string IntKeyMaps = "int-key-maps";
    public const string TupleKeyMaps = "tuple-key-maps";
    public const string Structs = "structs";
    public const string StructMutation = "struct-mutation";
    public const string Methods = "methods";
    public const string StaticMethods = "static-methods";
    public const string Enums = "enums";
    public const string EnumMethods = "enum-methods";
    public const string Match = "match";
    public const string MatchGuards = "match-guards";
    public const string MatchVariants = "match-variants";
    public const string MatchRanges = "match-ranges";
    public const string MatchTuples = "match-tuples";
    public const string If = "if";
    public const string IfExpression = "if-expression";
    public const string While = "while";
    public const string ForRange = "for-range";
    public const string ForArray = "for-array";
    public const string ForMap = "for-map";
    public const string ForString = "for-string";
    public const string Break = "break";
    public const string Continue = "continue";
    public const string DoBlock = "do-block";
    public const string LetIn = "let-in";
    public const string Shadowing = "shadowing";
    public const string MutableVars = "mutable-vars";
    public const string CompoundAssign = "compound-assign";
    public const string Globals = "globals";
    public const string Const = "const";
    public const string Hoisting = "hoisting";
    public const string Functions = "functions";
    public const string Procs = "procs";
    public const string ExpressionBodies = "expression-bodies";
    public const string EarlyReturn = "early-return";
    public const string Recursion = "recursion";
    public const string TreeRecursion = "tree-recursion";
    public const string TailCalls = "tail-calls";
    public const string DeepTailCalls = "deep-tail-calls";
    public const string MutualRecursion = "mutual-recursion";
    public const string NestedFunctions = "nested-functions";
    public const string Lambdas = "lambdas";
    public const string Closures = "closures";
    public const string ClosureCapturesLoopVar = "closure-captures-loop-var";
    public const string ClosureCapturesMutated = "closure-captures-mutated-var";
    public const string RecursiveLambda = "recursive-lambda";
    public const string HigherOrderFunctions = "higher-order-functions";
    public const string FunctionValues = "function-values";
    public const string TypeAnnotations = "type-annotations";
    public const string Generics = "generics";
    public const string TryCatch = "try-catch";
    public const string Throw = "throw";
    public const string CaughtRuntimeError = "caught-runtime-error";
    public const string DeliberateError = "deliberate-error";
    public const string ProgramResult = "program-result";
    // The shapes aimed at VM bugs (ProgramGenerator.Shapes.cs).
    public const string EdgeValues = "edge-values";
    public const string ImmediateLimits = "immediate-limits";
    public const string EqualOperandComparisons = "equal-operand-comparisons";
    public const string PolymorphicSites = "polymorphic-sites";
    public const string MixedOperandKinds = "mixed-operand-kinds";
    public const string MethodNameKeys = "method-name-keys";
    public const string BigFunctions = "big-functions";
    public const string ManyRegisters = "many-registers";
    public const string CaptureWithLoopExit = "capture-with-loop-exit";
    public const string CaptureThenThrow = "capture-then-throw";
    public const string ReturnCaptureFromLoop = "return-capture-from-loop";
    public const string TailCallCapture = "tail-call-capture";
    public const string WriteInsideExpression = "write-inside-expression";
    public const string SelfReferentialLogic = "self-referential-logic";

    /// <summary>Prefix of the per-kind features of deliberate errors: <c>error:DivisionByZero</c>.</summary>
    public const string ErrorPrefix = "error:";

    /// <summary>Every feature above, in table order (error kinds are added as they occur).</summary>
    public static readonly IReadOnlyList<string> All = typeof(Features)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.Name != nameof(ErrorPrefix))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();
}
