using Veld.RegisterVm;

namespace Veld.Jit;

/// <summary>
/// The live ranges ("webs") of a function's registers: the writes of a register joined with the reads they reach.
/// Two writes belong to one web when some read may see either (a loop counter's start and its increment); a
/// register reused for an unrelated value (a float temporary, then a bool flag) gets a web per use, so each can
/// have its own kind and IL local.
/// <para>
/// Built by union-find over two kinds of node: the value of register r on entry to pc (<see cref="In"/>), and the
/// value the instruction at pc writes to r (<see cref="Out"/>). Along every edge pc → s where r is live at s, r's
/// node at s is joined with what pc leaves in r: its write when that path writes r, else its entry value. An edge
/// to an error handler joins entry values (the instruction raised before writing). Only live registers join, so a
/// dead value never ties two webs together.
/// </para>
/// </summary>
internal sealed class RegisterWebs
{
    private readonly int _registers;
    private readonly int _codeLength;
    /// <summary>The web of each node: In nodes first (pc * registers + r), then Out nodes.</summary>
    private readonly int[] _web;
    private readonly int[] _registerOf;
    private readonly List<int>[] _writers;
    private readonly bool[] _entersWithFrame;

    private RegisterWebs(int codeLength, int registers, int[] web, int count)
    {
        _codeLength = codeLength;
        _registers = registers;
        _web = web;
        _registerOf = new int[count];
        _writers = new List<int>[count];
        _entersWithFrame = new bool[count];
        for (int w = 0; w < count; w++) _writers[w] = [];
        for (int node = 0; node < web.Length; node++)
            if (web[node] >= 0) _registerOf[web[node]] = node % registers;
        for (int r = 0; r < registers && codeLength > 0; r++)
            if (web[r] >= 0) _entersWithFrame[web[r]] = true; // In(0, r)
    }

    public int Count => _registerOf.Length;

    /// <summary>The web of the value register <paramref name="r"/> holds on entry to <paramref name="pc"/> (-1: dead there, or not a register of the frame).</summary>
    public int In(int pc, int r) => (uint)r < (uint)_registers && (uint)pc < (uint)_codeLength ? _web[pc * _registers + r] : -1;

    /// <summary>The web the instruction at <paramref name="pc"/> writes to register <paramref name="r"/> (-1: it does not write r).</summary>
    public int Out(int pc, int r) => (uint)r < (uint)_registers && (uint)pc < (uint)_codeLength ? _web[(_codeLength + pc) * _registers + r] : -1;

    public int RegisterOf(int web) => _registerOf[web];

    /// <summary>The instructions that write the web.</summary>
    public IReadOnlyList<int> Writers(int web) => _writers[web];

    /// <summary>The web holds what the register held when the frame started (a parameter, for a register the code reads first).</summary>
    public bool EntersWithFrame(int web) => _entersWithFrame[web];

    /// <summary>One web per register, for code the plan does not analyse (its facts have errors).</summary>
    public static RegisterWebs Unsplit(int codeLength, int registers)
    {
        var web = new int[2 * codeLength * registers];
        for (int node = 0; node < web.Length; node++) web[node] = node % registers;
        return new RegisterWebs(codeLength, registers, web, registers);
    }

    public static RegisterWebs Build(FunctionProto proto, InstructionFacts[] facts, bool[]?[] liveIn)
    {
        int n = proto.MaxStack, length = proto.Code.Length;
        int InNode(int pc, int r) => pc * n + r;
        int OutNode(int pc, int r) => (length + pc) * n + r;
        var parent = new int[2 * length * n];
        for (int node = 0; node < parent.Length; node++) parent[node] = node;
        int Find(int x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        void Union(int x, int y) => parent[Find(x)] = Find(y);
        bool LiveAt(int pc, int r) => (uint)pc < (uint)length && liveIn[pc] is { } live && live[r];
        static bool Within(RegisterRange range, int r) => r >= range.First && r < range.End;

        var handlers = TypePlan.HandlersOf(proto, facts);
        for (int pc = 0; pc < length; pc += Math.Max(1, facts[pc].Length))
        {
            var f = facts[pc];
            if (f.Length == 0) continue;
            int next = pc + f.Length;
            void Edge(int s, bool jumpPath)
            {
                if ((uint)s >= (uint)length) return;
                for (int r = 0; r < n; r++)
                {
                    if (!LiveAt(s, r)) continue;
                    bool written = Within(f.Write, r) || Within(f.ReservedSlot, r) || (jumpPath ? Within(f.JumpWrite, r) : Within(f.FallWrite, r));
                    if (written) Union(OutNode(pc, r), InNode(s, r));
                    else if (f.ClobberFrom < 0 || r < f.ClobberFrom) Union(InNode(pc, r), InNode(s, r));
                }
            }
            if (f.FallsThrough) Edge(next, jumpPath: false);
            if (f.IsTest) Edge(next + 1, jumpPath: false);
            if (f.HasJump) Edge(f.Jump, jumpPath: true);
            foreach (int handler in handlers[pc] ?? [])
                for (int r = 0; r < n; r++)
                    if (LiveAt(handler, r)) Union(InNode(pc, r), InNode(handler, r));
        }

        // Only nodes that hold a value get a web: a live register's entry value, an instruction's write.
        var meaningful = new bool[parent.Length];
        for (int pc = 0; pc < length; pc++)
            for (int r = 0; r < n; r++)
                meaningful[InNode(pc, r)] = LiveAt(pc, r);
        for (int pc = 0; pc < length; pc += Math.Max(1, facts[pc].Length))
            foreach (var range in new[] { facts[pc].Write, facts[pc].JumpWrite, facts[pc].FallWrite, facts[pc].ReservedSlot })
                for (int r = range.First; r < range.End && r < n; r++)
                    meaningful[OutNode(pc, r)] = true;
        var web = new int[parent.Length];
        var ids = new Dictionary<int, int>();
        for (int node = 0; node < parent.Length; node++)
        {
            web[node] = -1;
            if (!meaningful[node]) continue;
            int root = Find(node);
            if (!ids.TryGetValue(root, out int id)) ids[root] = id = ids.Count;
            web[node] = id;
        }
        var webs = new RegisterWebs(length, n, web, ids.Count);
        for (int pc = 0; pc < length; pc += Math.Max(1, facts[pc].Length))
        {
            var f = facts[pc];
            if (f.Length == 0) continue;
            foreach (var range in new[] { f.Write, f.JumpWrite, f.FallWrite, f.ReservedSlot })
                for (int r = range.First; r < range.End && r < n; r++)
                {
                    var writers = webs._writers[web[OutNode(pc, r)]];
                    if (writers.Count == 0 || writers[^1] != pc) writers.Add(pc);
                }
        }
        return webs;
    }
}
