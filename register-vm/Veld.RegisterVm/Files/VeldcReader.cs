using System.Buffers.Binary;
using System.Text;
using Veld.Runtime;
using static Veld.RegisterVm.VeldcFormat;

namespace Veld.RegisterVm;

/// <summary>
/// Loads a <c>.veldc</c> file. Every failure is a <see cref="VeldcFormatException"/> with a message saying
/// what is wrong; nothing else escapes, whatever the bytes. A program is returned only after
/// <see cref="ProgramVerifier"/> (every operand in range) and <see cref="RegisterChecker"/> (every register
/// read defined, locals intact) accept it.
/// </summary>
public static class VeldcReader
{
    public static RegisterProgram Read(byte[] file)
    {
        RegisterProgram program;
        try
        {
            program = Parse(file);
        }
        catch (VeldcFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is DecoderFallbackException or OverflowException or ArgumentException or InvalidOperationException)
        {
            throw new VeldcFormatException($"malformed .veldc file: {e.Message}", e);
        }

        try
        {
            RegisterChecker.Require(program);
        }
        catch (BytecodeVerificationException e)
        {
            throw new VeldcFormatException($"the .veldc file holds invalid bytecode: {e.Message}", e);
        }
        return program;
    }

    private static RegisterProgram Parse(byte[] file)
    {
        if (file.Length < Magic.Length || !HasMagic(file)) throw new VeldcFormatException("not a .veldc file (wrong magic number)");
        if (file.Length < HeaderSize) throw new VeldcFormatException("truncated .veldc file: the header is incomplete");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(8));
        if (version != FormatVersion)
            throw new VeldcFormatException($"unsupported .veldc format version {version} (this build reads version {FormatVersion})"
                + (version < FormatVersion ? ": the file comes from an older build; compile its source again" : ""));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(12));
        if (length != file.Length - HeaderSize)
            throw new VeldcFormatException($"truncated or padded .veldc file: the header promises {length} bytes of payload, the file has {file.Length - HeaderSize}");
        var payload = file.AsMemory(HeaderSize);
        if (Checksum(payload.Span) != BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(16)))
            throw new VeldcFormatException("corrupt .veldc file: checksum mismatch");

        var r = new Reader(payload);
        var globals = r.Strings();
        int userGlobals = r.CountAtMost("user global count", globals.Length);

        var hoisted = new HoistedFunction[r.Count("hoisted functions")];
        for (int i = 0; i < hoisted.Length; i++) hoisted[i] = new HoistedFunction(r.Number("global"), r.Number("proto"));

        var types = new TypeInfo[r.Count("types")];
        for (int i = 0; i < types.Length; i++)
        {
            string name = r.String();
            byte shape = r.Byte();
            if (shape > (byte)TypeShape.ErrorStruct) throw new VeldcFormatException($"type {name}: unknown shape {shape}");
            var members = r.Strings();
            var arity = new int[r.Count("payload sizes")];
            for (int a = 0; a < arity.Length; a++) arity[a] = r.Number("payload size");
            types[i] = new TypeInfo(name, (TypeShape)shape, members, arity);
        }

        var methods = new MethodInfo[r.Count("methods")];
        for (int i = 0; i < methods.Length; i++) methods[i] = new MethodInfo(r.Number("type"), r.String(), r.Number("proto"), r.Number("global"));

        var ctors = new ConstructorInfo[r.Count("constructors")];
        for (int i = 0; i < ctors.Length; i++) ctors[i] = new ConstructorInfo(r.Number("type"), r.Number("variant") - 1, r.Number("argument count"));

        var script = ReadProto(r, depth: 0);
        if (!r.AtEnd) throw new VeldcFormatException("malformed .veldc file: bytes left after the program");
        return new RegisterProgram
        {
            Script = script,
            GlobalNames = globals,
            UserGlobalCount = userGlobals,
            Hoisted = hoisted,
            Types = types,
            Methods = methods,
            Constructors = ctors,
        };
    }

    private static FunctionProto ReadProto(Reader r, int depth)
    {
        if (depth > MaxNesting) throw new VeldcFormatException($"malformed .veldc file: functions nested deeper than {MaxNesting}");
        string name = r.String();
        int line = r.Number("line");
        int paramCount = r.Number("parameter count");
        bool hasSelf = r.Flag();
        int maxStack = r.Number("frame size");
        var code = new uint[r.Count("instructions", bytesEach: 4)];
        for (int i = 0; i < code.Length; i++) code[i] = r.UInt32();
        var lines = new int[code.Length];
        for (int i = 0; i < lines.Length; i++) lines[i] = r.Number("line");
        var columns = new int[code.Length];
        for (int i = 0; i < columns.Length; i++) columns[i] = r.Number("column");
        var constants = new Value[r.Count("constants")];
        for (int i = 0; i < constants.Length; i++) constants[i] = ReadConstant(r, 0);
        var upvalues = ReadUpvalues(r, "upvalues");
        var captures = ReadUpvalues(r, "captures");
        var locals = new LocalVarInfo[r.Count("locals")];
        for (int i = 0; i < locals.Length; i++)
        {
            string localName = r.String();
            int register = r.Number("register");
            int start = r.Number("start pc");
            int end = r.Number("end pc");
            locals[i] = new LocalVarInfo(localName, register, start, end == 0 ? int.MaxValue : end - 1, r.Flag());
        }
        var protos = new FunctionProto[r.Count("nested functions")];
        for (int i = 0; i < protos.Length; i++) protos[i] = ReadProto(r, depth + 1);
        return new FunctionProto
        {
            Name = name,
            Line = line,
            ParamCount = paramCount,
            HasSelf = hasSelf,
            MaxStack = maxStack,
            Code = code,
            Lines = lines,
            Columns = columns,
            Constants = constants,
            Protos = protos,
            Upvalues = upvalues,
            Captures = captures,
            Locals = locals,
        };
    }

    /// <summary>Shared upvalues or captured values: each a capture byte (0 the enclosing closure's, 1 a register),
    /// index and name.</summary>
    private static UpvalueInfo[] ReadUpvalues(Reader r, string what)
    {
        var upvalues = new UpvalueInfo[r.Count(what)];
        for (int i = 0; i < upvalues.Length; i++)
        {
            byte capture = r.Byte();
            if (capture > 1) throw new VeldcFormatException($"malformed .veldc file: capture byte {capture} at offset {r.Offset - 1}");
            upvalues[i] = new UpvalueInfo(capture != 0, r.Number("upvalue index"), r.String());
        }
        return upvalues;
    }

    private static Value ReadConstant(Reader r, int depth)
    {
        if (depth > MaxNesting) throw new VeldcFormatException($"malformed .veldc file: constant tuples nested deeper than {MaxNesting}");
        var tag = (ConstantTag)r.Byte();
        switch (tag)
        {
            case ConstantTag.Unit: return Value.Unit;
            case ConstantTag.False: return Value.False;
            case ConstantTag.True: return Value.True;
            case ConstantTag.Int: return Value.FromInt(r.Signed());
            case ConstantTag.Float: return Value.FromFloat(BitConverter.Int64BitsToDouble((long)r.UInt64()));
            case ConstantTag.Str: return Value.FromString(r.String());
            case ConstantTag.Range: return Value.FromObject(new VeldRange(r.Signed(), r.Signed(), r.Flag()));
            case ConstantTag.Builtin:
                string name = r.String();
                if (!Builtins.All.Any(b => b.Name == name)) throw new VeldcFormatException($"unknown builtin function '{name}'");
                return Value.FromObject(Builtins.Get(name));
            case ConstantTag.Tuple:
                var items = new Value[r.Count("tuple elements")];
                if (items.Length == 0) throw new VeldcFormatException("malformed .veldc file: an empty tuple constant");
                for (int i = 0; i < items.Length; i++) items[i] = ReadConstant(r, depth + 1);
                return Value.FromObject(new VeldTuple(items));
            default:
                throw new VeldcFormatException($"malformed .veldc file: unknown constant tag {(byte)tag}");
        }
    }

    /// <summary>A cursor over the payload; every read checks the bytes left.</summary>
    private sealed class Reader(ReadOnlyMemory<byte> data)
    {
        private int _pos;

        public bool AtEnd => _pos == data.Length;
        private int Left => data.Length - _pos;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (n < 0 || n > Left) throw new VeldcFormatException($"truncated .veldc file: needed {n} more bytes at offset {_pos + HeaderSize}");
            var span = data.Span.Slice(_pos, n);
            _pos += n;
            return span;
        }

        public byte Byte() => Take(1)[0];
        public int Offset => _pos + HeaderSize;

        public bool Flag() => Byte() switch
        {
            0 => false,
            1 => true,
            var b => throw new VeldcFormatException($"malformed .veldc file: flag byte {b} at offset {_pos - 1 + HeaderSize}"),
        };

        public uint UInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));
        public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        private ulong VarUInt()
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (shift > 63) throw new VeldcFormatException($"malformed .veldc file: a number longer than 64 bits at offset {_pos + HeaderSize}");
                byte b = Byte();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
        }

        /// <summary>A number of elements that take at least <paramref name="bytesEach"/> bytes each: it cannot
        /// exceed what the bytes left could hold, so a corrupt count never causes a huge allocation.</summary>
        public int Count(string what, int bytesEach = 1)
        {
            int v = Number(what);
            if ((long)v * bytesEach > Left) throw new VeldcFormatException($"truncated .veldc file: {v} {what} in {Left} bytes");
            return v;
        }

        /// <summary>A count bounded by another count (named apart from <see cref="Count(string, int)"/>, whose
        /// int parameter would otherwise silently take the limit as a byte size).</summary>
        public int CountAtMost(string what, int limit)
        {
            int v = Number(what);
            if (v > limit) throw new VeldcFormatException($"malformed .veldc file: {what} {v} exceeds {limit}");
            return v;
        }

        /// <summary>A line, index, register or pc: a non-negative int (its range is the verifier's business).</summary>
        public int Number(string what)
        {
            ulong v = VarUInt();
            if (v > int.MaxValue) throw new VeldcFormatException($"malformed .veldc file: {what} {v} out of range");
            return (int)v;
        }

        public long Signed()
        {
            ulong u = VarUInt();
            return (long)(u >> 1) ^ -(long)(u & 1);
        }

        public string String()
        {
            int length = Count("string bytes");
            return Encoding.UTF8.GetString(Take(length));
        }

        public string[] Strings()
        {
            int count = Count("name count");
            if (count > Left) throw new VeldcFormatException($"truncated .veldc file: {count} names in {Left} bytes");
            var names = new string[count];
            for (int i = 0; i < count; i++) names[i] = String();
            return names;
        }
    }
}
