using Veld.Language.Syntax;

namespace Veld.RegisterVm;

internal sealed partial class FunctionCompiler
{
    /// <summary>
    /// The tables one function's compile fills (code, positions, constants, registers, scopes, loops ...), kept
    /// for the next function compiled on the same thread. Most functions are small, and making every table afresh
    /// and growing it from nothing, for every function of every program, was a large share of what the register
    /// compiler allocated. A compiler rents a set for its function (a nested function rents its own while its
    /// parent's is in use) and gives it back cleared when its proto is made: <see cref="FunctionProto"/> copies
    /// everything it keeps, so nothing of one function reaches the next.
    /// </summary>
    private sealed class Tables
    {
        /// <summary>Sets given back and not yet rented again: as many as functions nest, up to <see cref="MaxKept"/>.</summary>
        [ThreadStatic] private static Stack<Tables>? t_free;
        private const int MaxKept = 16;
        /// <summary>The tables of a function this long are not kept: they would hold their memory for the thread's life.</summary>
        private const int MaxKeptInstructions = 1 << 14;

        public RegisterAllocator Registers { get; } = new();
        public List<uint> Code { get; } = [];
        public List<SourcePos> Positions { get; } = [];
        public ConstantPool Constants { get; } = new();
        public List<FunctionProto> Protos { get; } = [];
        public BindingRegisters RegisterOf { get; } = new();
        public HashSet<Binding> HoldingFinalValue { get; } = new(ReferenceEqualityComparer.Instance);
        public List<LocalVarInfo> DebugLocals { get; } = [];
        public List<Scope> Scopes { get; } = [];
        public List<Loop> Loops { get; } = [];
        public List<ColdStub> ColdStubs { get; } = [];
        public Stack<List<Expr>> FreeArgumentLists { get; } = new();
        public List<Binding> PatternBindings { get; } = [];

        public static Tables Rent() => t_free is { Count: > 0 } free ? free.Pop() : new Tables();

        /// <summary>Clear every table (so no syntax tree or value of this program stays reachable) and keep the set
        /// for the next function. Called once, when the renting compiler is done, also when its compile failed.</summary>
        public void Return()
        {
            bool keep = Code.Capacity <= MaxKeptInstructions;
            Registers.Reset();
            Code.Clear();
            Positions.Clear();
            Constants.Clear();
            Protos.Clear();
            RegisterOf.Clear();
            HoldingFinalValue.Clear();
            DebugLocals.Clear();
            Scopes.Clear();
            Loops.Clear();
            ColdStubs.Clear();
            foreach (var list in FreeArgumentLists) list.Clear();
            PatternBindings.Clear();
            var free = t_free ??= new Stack<Tables>();
            if (keep && free.Count < MaxKept) free.Push(this);
        }
    }
}
