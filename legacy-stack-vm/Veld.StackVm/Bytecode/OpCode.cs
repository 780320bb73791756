namespace Veld.StackVm;

/*
 * ============================================================================================
 *  The stack VM's instruction encoding
 * ============================================================================================
 *
 *  Code is a byte stream. Every instruction is a one-byte opcode followed by its operands,
 *  each as small as it fits:
 *
 *    - an index or count operand is ONE byte (0..255): a constant index (k), local slot (s),
 *      upvalue index (u), global index (g), type id (t), variant index (v), nested function
 *      index (f), struct shape index (p), argument or element count (n), cast target (c),
 *      or bool context (w, see Veld.Runtime.BoolContext);
 *    - a jump operand is TWO bytes, little-endian, unsigned, measured from the end of the
 *      instruction: forward (j) for JUMP and every conditional branch, backward (b) for LOOP;
 *    - WIDE is the one prefix: the instruction that follows it is its wide variant, whose
 *      index/count operands are TWO bytes each (jump operands stay two bytes). The compiler
 *      emits it only when an operand exceeds 255, so "CONST 7" is 2 bytes and the wide
 *      variant "CONST_W 300" is 4 (prefix, opcode, two operand bytes). A wide instruction
 *      counts as one executed instruction.
 *    - CLOSURE f is followed by one (isLocal, index) byte pair per upvalue of function f:
 *      isLocal = 1 captures the enclosing frame's local slot `index`, 0 its upvalue `index`.
 *
 *  The operand stack of a frame sits above its fixed local area: slots base .. base+locals-1
 *  hold the locals (the resolver's Binding.Index; parameters first), the operand stack starts
 *  at base+locals. In the table below, "->" shows the operand stack before and after.
 *
 *  Conditions are never coerced: every instruction that tests a value requires a bool and
 *  raises a Type error naming its context (BoolContext) otherwise.
 * ============================================================================================
 */

/// <summary>The stack VM's opcodes; operands and stack effect in the comment of each.</summary>
public enum OpCode : byte
{
    // ---- constants -------------------------------------------------------------------------
    /// <summary>CONST k: -> K[k]</summary>
    Const,
    /// <summary>UNIT: -> ()</summary>
    Unit,
    /// <summary>TRUE: -> true</summary>
    True,
    /// <summary>FALSE: -> false</summary>
    False,

    // ---- stack -----------------------------------------------------------------------------
    /// <summary>POP: a -></summary>
    Pop,
    /// <summary>POPN n: a1..an -> (leaving a loop or arm from inside an expression)</summary>
    PopN,
    /// <summary>DUP: a -> a a</summary>
    Dup,
    /// <summary>DUP2: a b -> a b a b (compound assignment to a[i])</summary>
    Dup2,

    // ---- variables -------------------------------------------------------------------------
    /// <summary>LOAD_LOCAL s: -> local[s]</summary>
    LoadLocal,
    /// <summary>STORE_LOCAL s: a -> ; local[s] = a</summary>
    StoreLocal,
    /// <summary>LOAD_UPVALUE u: -> upvalue[u]</summary>
    LoadUpvalue,
    /// <summary>STORE_UPVALUE u: a -> ; upvalue[u] = a</summary>
    StoreUpvalue,
    /// <summary>CLOSE_UPVALUE s: close the open upvalue of local slot s, if any (its scope ends)</summary>
    CloseUpvalue,
    /// <summary>LOAD_GLOBAL g: -> global[g]; Value error if its declaration has not run</summary>
    LoadGlobal,
    /// <summary>STORE_GLOBAL g: a -> ; global[g] = a</summary>
    StoreGlobal,

    // ---- operators (int fast paths inline, everything else through Operators) ---------------
    /// <summary>ADD: a b -> a+b</summary>
    Add,
    /// <summary>SUB: a b -> a-b</summary>
    Sub,
    /// <summary>MUL: a b -> a*b</summary>
    Mul,
    /// <summary>DIV: a b -> a/b</summary>
    Div,
    /// <summary>MOD: a b -> a%b</summary>
    Mod,
    /// <summary>POW: a b -> a*^b</summary>
    Pow,
    /// <summary>NEG: a -> -a</summary>
    Neg,
    /// <summary>NOT: a -> !a</summary>
    Not,
    /// <summary>BAND: a b -> a&amp;b</summary>
    BitAnd,
    /// <summary>BOR: a b -> a|b</summary>
    BitOr,
    /// <summary>BXOR: a b -> a^b</summary>
    BitXor,
    /// <summary>SHL: a b -> a&lt;&lt;b</summary>
    Shl,
    /// <summary>SHR: a b -> a&gt;&gt;b</summary>
    Shr,
    /// <summary>EQ: a b -> a==b</summary>
    Eq,
    /// <summary>NE: a b -> a!=b</summary>
    Ne,
    /// <summary>LT: a b -> a&lt;b</summary>
    Lt,
    /// <summary>LE: a b -> a&lt;=b</summary>
    Le,
    /// <summary>GT: a b -> a&gt;b</summary>
    Gt,
    /// <summary>GE: a b -> a&gt;=b</summary>
    Ge,

    // ---- control ---------------------------------------------------------------------------
    /// <summary>JUMP j: ip += j</summary>
    Jump,
    /// <summary>JUMP_IF_FALSE j: c -> ; if !c then ip += j (c must be a bool: "condition")</summary>
    JumpIfFalse,
    /// <summary>AND j: a -> a (and jump) if a is false, else a -> (a must be a bool)</summary>
    And,
    /// <summary>OR j: a -> a (and jump) if a is true, else a -> (a must be a bool)</summary>
    Or,
    /// <summary>CHECK_BOOL w: a -> a; Type error unless a is a bool (w names the context)</summary>
    CheckBool,
    /// <summary>LOOP b: ip -= b; one step of fuel (backward jumps only)</summary>
    Loop,

    // ---- functions -------------------------------------------------------------------------
    /// <summary>CLOSURE f (isLocal, index)*: -> a new closure of nested function f</summary>
    Closure,
    /// <summary>CALL n: f a1..an -> result</summary>
    Call,
    /// <summary>TAIL_CALL n: f a1..an -> ; replaces the current frame (proper tail call)</summary>
    TailCall,
    /// <summary>INVOKE k n: target a1..an -> result; method K[k] by the dynamic dispatch order</summary>
    Invoke,
    /// <summary>TAIL_INVOKE k n: as INVOKE, replacing the current frame</summary>
    TailInvoke,
    /// <summary>GET_STATIC t k: -> the method K[k] of type t (<c>Point.new</c>)</summary>
    GetStatic,
    /// <summary>RETURN: a -> ; leave the frame with result a</summary>
    Return,

    // ---- data ------------------------------------------------------------------------------
    /// <summary>NEW_ARRAY n: a1..an -> [a1, .., an]</summary>
    NewArray,
    /// <summary>NEW_TUPLE n: a1..an -> (a1, .., an)</summary>
    NewTuple,
    /// <summary>NEW_MAP n: k1 v1 .. kn vn -> {k1: v1, ..}</summary>
    NewMap,
    /// <summary>NEW_STRUCT p: a1..an -> struct; shape p gives the type and each argument's field</summary>
    NewStruct,
    /// <summary>NEW_ENUM t v n: a1..an -> variant v of enum t</summary>
    NewEnum,
    /// <summary>RANGE n: a b -> a..b (n = 0) or a..=b (n = 1)</summary>
    Range,
    /// <summary>GET_INDEX: a i -> a[i]</summary>
    GetIndex,
    /// <summary>SET_INDEX: a i x -> ; a[i] = x</summary>
    SetIndex,
    /// <summary>GET_FIELD k: a -> a.K[k]</summary>
    GetField,
    /// <summary>SET_FIELD k: a x -> ; a.K[k] = x</summary>
    SetField,
    /// <summary>TUPLE_INDEX n: a -> a.n</summary>
    TupleIndex,
    /// <summary>CAST c k: a -> a as target c (K[k] is the type as written, for messages)</summary>
    Cast,

    // ---- iteration -------------------------------------------------------------------------
    /// <summary>ITER_START: a -> iterator over a</summary>
    IterStart,
    /// <summary>ITER_NEXT j: it -> it item; or, when done, it -> it and ip += j</summary>
    IterNext,

    // ---- patterns (the scrutinee stays on the stack; a failed test jumps) -------------------
    /// <summary>MATCH_CONST k j: a -> a; jump unless a == K[k]</summary>
    MatchConst,
    /// <summary>MATCH_RANGE k j: a -> a; jump unless a is an int in range K[k]</summary>
    MatchRange,
    /// <summary>MATCH_TUPLE n j: a -> a; jump unless a is a tuple of n elements</summary>
    MatchTuple,
    /// <summary>MATCH_VARIANT t v j: a -> a; jump unless a is variant v of enum t</summary>
    MatchVariant,
    /// <summary>ELEMENT n: a -> a a.n (a tuple's element or an enum's payload, already tested)</summary>
    Element,
    /// <summary>MATCH_FAIL: a -> ; Match error: no arm matches a</summary>
    MatchFail,

    // ---- errors ----------------------------------------------------------------------------
    /// <summary>TRY_BEGIN j: push a handler for ip + j at the current stack height</summary>
    TryBegin,
    /// <summary>TRY_END: pop the innermost handler</summary>
    TryEnd,
    /// <summary>THROW: a -> ; raise a</summary>
    Throw,

    // ---- macros ----------------------------------------------------------------------------
    /// <summary>SHOW: a -> the display form of a, as a str (a format part shown before later parts run)</summary>
    Show,
    /// <summary>FORMAT n: a1..an -> the display forms of a1..an concatenated</summary>
    Format,
    /// <summary>PRINT: a -> ; write the display form of a</summary>
    Print,
    /// <summary>PRINTLN: a -> ; write the display form of a and a newline</summary>
    Println,
    /// <summary>ASSERT j: c -> ; if c holds, ip += j (skipping the failure code; c must be a bool)</summary>
    Assert,
    /// <summary>ASSERT_FAIL n: [msg] -> ; Assert error, with the display form of msg when n = 1</summary>
    AssertFail,

    // ---- encoding --------------------------------------------------------------------------
    /// <summary>WIDE: the next instruction's index and count operands are two bytes</summary>
    Wide,
}
