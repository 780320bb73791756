// =====================================================================================================
// The register VM's instruction set, documented once, here (the way Lua's lopcodes.h does it).
// OpcodeTable.cs beside it states each opcode's operands and control flow as data (as lopcodes.c does).
//
// Every instruction is one 32-bit unsigned word. Field layout, least significant bit first:
//
//        31      24 23      16 15 14       7 6      0
//   iABC  |   C(8)  |   B(8)  |k |   A(8)   | op(7) |
//   iABx  |          Bx(17)      |   A(8)   | op(7) |
//   iAsBx |         sBx(17)      |   A(8)   | op(7) |
//   iAx   |                Ax(25)           | op(7) |
//   isJ   |                sJ(25)           | op(7) |
//
// Signed fields use "excess-K" encoding: the stored unsigned value minus K, where K is half the field's
// range (sBx: K = 65535, sJ: K = 16777215; the 8-bit immediates sB and sC: K = 127). So sBx spans
// -65535..65536 and sB/sC span -127..128.
//
// Notation below: R[x] is register x of the current frame, K[x] constant x of the current prototype,
// U[x] upvalue x of the running closure, C[x] its captured value x (a local it copied when CLOSURE made it), G[x] module global x, P[x] nested prototype x, pc the index of
// the NEXT instruction (jumps are relative to it: target = pc + sJ or pc + sBx).
//
// Constant operands in an 8-bit field (B or C) name K[0..254] directly; the value 255 (MaxShortConst)
// means "the index is too large for this field: it is in the Ax of the EXTRAARG word that follows".
// EXTRAARG is never dispatched: the instruction that owns it reads it and steps over it.
//
// Tests (EQ .. GEI, TEST, TESTTUPLE, TESTVARIANT, TESTRANGE) are always followed by a JMP. For the
// comparisons and TEST: "if (condition == k) execute the JMP, else skip it". For the pattern tests:
// "if the value matches, skip the JMP" (the JMP goes to the next match arm).
//
// Calls use register windows: the callee sits in R[A] and its arguments in R[A+1..A+B]; the callee's
// frame starts at R[A+1] (its parameters are its R[0..B-1]). Everything at or above R[A] is dead in the
// caller after the call except the result register.
//
//  MOVE       A B     R[A] := R[B]
//  LOADI      A sBx   R[A] := sBx (int)
//  LOADF      A sBx   R[A] := sBx (float)
//  LOADK      A Bx    R[A] := K[Bx]
//  LOADKX     A       R[A] := K[extra arg]
//  LOADFALSE  A       R[A] := false
//  LOADTRUE   A       R[A] := true
//  LOADUNIT   A       R[A] := ()
//  GETUPVAL   A B     R[A] := U[B]
//  SETUPVAL   A B     U[B] := R[A]
//  GETCAPT    A B     R[A] := C[B]           (a local captured by value: nothing assigns it, so the closure holds
//                                             the value itself, no Upvalue object)
//  GETGLOBAL  A Bx    R[A] := G[Bx]          (runtime error Value if its declaration has not run)
//  SETGLOBAL  A Bx    G[Bx] := R[A]
//
//  ADD .. SHR A B C   R[A] := R[B] op R[C]   (ADD SUB MUL DIV MOD POW BAND BOR BXOR SHL SHR)
//  ADDK..SHRK A B C   R[A] := R[B] op K[C]   (K[C] is an int or a float; C <= 254)
//  ADDI       A B sC  R[A] := R[B] + sC
//  SUBI       A B sC  R[A] := R[B] - sC
//  UNM        A B     R[A] := -R[B]
//  NOT        A B     R[A] := !R[B]
//
//  EQ LT LE GT GE A B k    if ((R[A] op R[B]) == k) then JMP else skip it
//  EQK        A B k        if ((R[A] == K[B]) == k) then JMP else skip it     (B <= 254)
//  EQI LTI LEI GTI GEI A sB k   if ((R[A] op sB) == k) then JMP else skip it
//  TEST       A k C        R[A] must be a bool (else Type error, C names the context); if (R[A] == k) then JMP
//  CHECKBOOL  A C          R[A] must be a bool (else Type error, C names the context); no jump
//  JMP        sJ           pc += sJ
//
//  SETEQ SETLT SETLE SETGT SETGE A B C k       R[A] := (R[B] op R[C]) != k   (a comparison as a value)
//  SETEQK .. SETGEK A B C k                     R[A] := (R[B] op K[C]) != k
//
//  CALL       A B C   R[C] := R[A](R[A+1], ..., R[A+B])
//  CALLK      A B C k call the builtin K[C] with R[A], ..., R[A+B-1]; if k then R[A] := result
//                     (a builtin never touches the frame, so the arguments may be live registers)
//  CALLG      A B C   R[A] := G[C](R[A], ..., R[A+B-1])     (a global function; its frame starts at R[A])
//  TAILCALL   A B     return R[A](R[A+1], ..., R[A+B])          (reuses the frame)
//  TAILCALLG  A B C   return G[C](R[A], ..., R[A+B-1])
//  CALLR      A B C   R[A] := R[C](R[A], ..., R[A+B-1])     (a callee already in a register, such as a local)
//  TAILCALLR  A B C   return R[C](R[A], ..., R[A+B-1])
//  METHODCALL A B C   R[A] := R[B].name(R[A+1], ..., R[A+n])  where K[C] is the call site (name, n):
//                     dynamic dispatch (RegisterMachine.ResolveMethod); the target stays where it is,
//                     R[A] is the window's slot for self and the result
//  TAILMETHOD A B C   return R[B].name(R[A+1], ..., R[A+n])
//  RETURN     A       return R[A]
//  RETURNUNIT         return ()
//  CLOSURE    A Bx    R[A] := closure(P[Bx])
//  CLOSE      A       close every open upvalue at or above R[A]
//
//  FORPREP    A sBx   R[A] := start, R[A+1] := end of the int range start..end; they become (current,
//                     remaining steps); if the range is empty, pc += sBx (past the FORLOOP), else
//                     R[A+2] := start
//  FORPREPINC A sBx   the same for start..=end
//  FORLOOP    A sBx   if remaining > 0 then step, R[A+2] := next value, pc += sBx (back to the body)
//  ITERPREP   A sBx   R[A] := iterator over R[A] (ForIterator); pc += sBx (to the ITERNEXT)
//  ITERNEXT   A sBx   if the iterator R[A] has an item then R[A+1] := item; pc += sBx (back to the body)
//
//  NEWARRAY   A B C   R[A] := [R[B], ..., R[B+C-1]]
//  NEWARRAYK  A Bx    R[A] := a new array holding the elements of the constant tuple K[Bx]
//  APPEND     A B C   append R[B], ..., R[B+C-1] to the array R[A]       (long array literals)
//  NEWTUPLE   A B C   R[A] := (R[B], ..., R[B+C-1])
//  NEWMAP     A B C   R[A] := {R[B]: R[B+1], ...} with C pairs
//  MAPINSERT  A B C   insert C pairs R[B]: R[B+1], ... into the map R[A] (long map literals)
//  NEWRANGE   A B C k R[A] := R[B]..R[C] (k: inclusive ..=)
//  NEWSTRUCT  A B C   R[A] := constructor C (a struct) with fields R[B], ... in declaration order
//  NEWENUM    A B C   R[A] := constructor C (an enum variant) with payload R[B], ...
//  GETINDEX   A B C   R[A] := R[B][R[C]]
//  SETINDEX   A B C k R[A][R[B]] := RK(C)   (RK(C): K[C] when k is set, else R[C])
//  GETFIELD   A B C   R[A] := R[B].K[C]
//  SETFIELD   A B C k R[A].K[B] := RK(C)
//  GETTUPLE   A B C   R[A] := R[B].C                (tuple element; C = 255: index in EXTRAARG)
//
//  TESTTUPLE   A Bx   if R[A] is a tuple of Bx elements then skip the JMP
//  TESTVARIANT A Bx   if R[A] is the enum variant of constructor Bx then skip the JMP
//  TESTRANGE   A Bx   if R[A] is an int in the range K[Bx] then skip the JMP
//  GETPAYLOAD  A B C  R[A] := payload C of the enum value R[B]   (after its TESTVARIANT)
//  NOMATCH     A      runtime error Match: no arm matched R[A]
//
//  TRY        A sBx   on a catchable runtime error until the matching ENDTRY: close upvalues at or above
//                     R[A], R[A] := the caught value, pc := pc + sBx (the handler)
//  ENDTRY             leave the innermost TRY of this frame
//  THROW      A       throw R[A]
//  ASSERTFAIL A k     runtime error Assert (k: R[A] is the message)
//
//  TOSTR      A B     R[A] := the display form of R[B], as a str (a value shown before later parts run)
//  FORMAT     A B C   R[A] := K[C] template filled with the display forms of R[B], ...
//  PRINT      A B k   write K[B] template filled with R[A], ... to the output (k: then a newline)
//  CAST       A B C   R[A] := R[B] as target C; the EXTRAARG that follows holds the type text's K index
//  EXTRAARG   Ax      an extra operand of the instruction before it
// =====================================================================================================

using System.Runtime.CompilerServices;

namespace Veld.RegisterVm;

/// <summary>The operations. Numbering is part of the <c>.veldc</c> format: append, never reorder.</summary>
public enum OpCode : byte
{
    Move, LoadI, LoadF, LoadK, LoadKX, LoadFalse, LoadTrue, LoadUnit,
    GetUpval, SetUpval, GetGlobal, SetGlobal,

    Add, Sub, Mul, Div, Mod, Pow, BAnd, BOr, BXor, Shl, Shr,
    AddK, SubK, MulK, DivK, ModK, PowK, BAndK, BOrK, BXorK, ShlK, ShrK,
    AddI, SubI, Unm, Not,

    Eq, Lt, Le, Gt, Ge, EqK, EqI, LtI, LeI, GtI, GeI, Test, Jmp,
    SetEq, SetLt, SetLe, SetGt, SetGe, SetEqK, SetLtK, SetLeK, SetGtK, SetGeK,

    Call, CallK, CallG, CallR, TailCall, TailCallG, TailCallR, MethodCall, TailMethod, Return, ReturnUnit, Closure, Close,

    ForPrep, ForPrepInc, ForLoop, IterPrep, IterNext,

    NewArray, NewArrayK, Append, NewTuple, NewMap, MapInsert, NewRange, NewStruct, NewEnum,
    GetIndex, SetIndex, GetField, SetField, GetTuple,

    TestTuple, TestVariant, TestRange, GetPayload, NoMatch,

    Try, EndTry, Throw, AssertFail,

    Format, Print, Cast, ExtraArg, ToStr, CheckBool,

    GetCapt,
}

/// <summary>How an instruction's bits are divided (see the table at the top of this file).</summary>
public enum OpFormat : byte { ABC, ABx, AsBx, Ax, sJ }

/// <summary>Encoding and decoding of one instruction word. All methods are pure bit manipulation.</summary>
public static class Instruction
{
    public const int SizeOp = 7, SizeA = 8, SizeB = 8, SizeC = 8, SizeBx = 17, SizeAx = 25, SizeSJ = 25;
    public const int PosOp = 0, PosA = 7, PosK = 15, PosB = 16, PosC = 24, PosBx = 15, PosAx = 7, PosSJ = 7;

    public const int MaxA = (1 << SizeA) - 1;
    public const int MaxB = (1 << SizeB) - 1;
    public const int MaxC = (1 << SizeC) - 1;
    public const int MaxBx = (1 << SizeBx) - 1;
    public const int MaxAx = (1 << SizeAx) - 1;
    /// <summary>Excess-K offsets of the signed fields.</summary>
    public const int OffsetSBx = MaxBx >> 1;
    public const int OffsetSJ = MaxAx >> 1;
    public const int OffsetSC = MaxC >> 1;
    public const int MinSBx = -OffsetSBx, MaxSBx = MaxBx - OffsetSBx;
    public const int MinSJ = -OffsetSJ, MaxSJ = MaxAx - OffsetSJ;
    public const int MinSC = -OffsetSC, MaxSC = MaxC - OffsetSC;
    /// <summary>An 8-bit constant operand with this value means "the index is in the following EXTRAARG".</summary>
    public const int MaxShortConst = 255;

    public static uint ABC(OpCode op, int a, int b, int c, bool k = false) =>
        (uint)op | (uint)a << PosA | (k ? 1u : 0u) << PosK | (uint)b << PosB | (uint)c << PosC;
    public static uint ABx(OpCode op, int a, int bx) => (uint)op | (uint)a << PosA | (uint)bx << PosBx;
    public static uint AsBx(OpCode op, int a, int sbx) => (uint)op | (uint)a << PosA | (uint)(sbx + OffsetSBx) << PosBx;
    public static uint Ax(OpCode op, int ax) => (uint)op | (uint)ax << PosAx;
    public static uint SJ(OpCode op, int sj) => (uint)op | (uint)(sj + OffsetSJ) << PosSJ;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static OpCode Op(uint i) => (OpCode)(i & 0x7F);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int A(uint i) => (int)(i >> PosA) & MaxA;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool K(uint i) => (i & (1u << PosK)) != 0;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int B(uint i) => (int)(i >> PosB) & MaxB;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int C(uint i) => (int)(i >> PosC);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Bx(uint i) => (int)(i >> PosBx);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SBx(uint i) => (int)(i >> PosBx) - OffsetSBx;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int AxOf(uint i) => (int)(i >> PosAx);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SJOf(uint i) => (int)(i >> PosSJ) - OffsetSJ;
    /// <summary>The signed reading of the 8-bit B field (the sB immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SB(uint i) => B(i) - OffsetSC;
    /// <summary>The signed reading of the 8-bit C field (the sC immediate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int SC(uint i) => C(i) - OffsetSC;

    /// <summary>An 8-bit constant operand, or (when it is <see cref="MaxShortConst"/>) the index in the EXTRAARG at
    /// <c>code[pc]</c>, stepping <paramref name="pc"/> over it. <paramref name="pc"/> is the index after the instruction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ConstantIndex(uint[] code, ref int pc, int field) => field == MaxShortConst ? AxOf(code[pc++]) : field;

    /// <summary>The same instruction with its sJ (for JMP) or sBx (others) replaced: used to patch jumps.</summary>
    public static uint WithJump(uint i, int offset) => Op(i) == OpCode.Jmp
        ? SJ(OpCode.Jmp, offset)
        : AsBx(Op(i), A(i), offset);

    public static bool FitsSBx(int v) => v >= MinSBx && v <= MaxSBx;
    public static bool FitsSC(long v) => v >= MinSC && v <= MaxSC;
}
