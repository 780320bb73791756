using System.Buffers.Binary;
using System.Text;
using Veld.Runtime;
using static Veld.RegisterVm.VeldcFormat;

namespace Veld.RegisterVm;

/// <summary>Writes a <see cref="RegisterProgram"/> as a <c>.veldc</c> file (layout in <see cref="VeldcFormat"/>).</summary>
public static class VeldcWriter
{
    public static byte[] Write(RegisterProgram program)
    {
        var payload = new Payload();
        payload.Count(program.GlobalNames.Length);
        foreach (var name in program.GlobalNames) payload.String(name);
        payload.Count(program.UserGlobalCount);

        payload.Count(program.Hoisted.Length);
        foreach (var h in program.Hoisted) { payload.Count(h.GlobalIndex); payload.Count(h.ProtoIndex); }

        payload.Count(program.Types.Length);
        foreach (var t in program.Types)
        {
            payload.String(t.Name);
            payload.Byte((byte)t.Shape);
            payload.Count(t.Members.Length);
            foreach (var m in t.Members) payload.String(m);
            payload.Count(t.PayloadArity.Length);
            foreach (var n in t.PayloadArity) payload.Count(n);
        }

        payload.Count(program.Methods.Length);
        foreach (var m in program.Methods)
        {
            payload.Count(m.TypeId);
            payload.String(m.Name);
            payload.Count(m.ProtoIndex);
            payload.Count(m.GlobalIndex);
        }

        payload.Count(program.Constructors.Length);
        foreach (var c in program.Constructors)
        {
            payload.Count(c.TypeId);
            payload.Count(c.Variant + 1);
            payload.Count(c.ArgCount);
        }

        WriteProto(payload, program.Script);

        var body = payload.ToArray();
        var file = new byte[HeaderSize + body.Length];
        Magic.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), (uint)body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(16), Checksum(body));
        body.CopyTo(file.AsSpan(HeaderSize));
        return file;
    }

    private static void WriteProto(Payload w, FunctionProto p)
    {
        w.String(p.Name);
        w.Count(p.Line);
        w.Count(p.ParamCount);
        w.Byte(p.HasSelf ? (byte)1 : (byte)0);
        w.Count(p.MaxStack);
        w.Count(p.Code.Length);
        foreach (uint word in p.Code) w.UInt32(word);
        foreach (int line in p.Lines) w.Count(line);
        for (int pc = 0; pc < p.Code.Length; pc++) w.Count(pc < p.Columns.Length ? p.Columns[pc] : 0);
        w.Count(p.Constants.Length);
        foreach (var k in p.Constants) WriteConstant(w, k);
        WriteUpvalues(w, p.Upvalues);
        WriteUpvalues(w, p.Captures);
        w.Count(p.Locals.Length);
        foreach (var l in p.Locals)
        {
            w.String(l.Name);
            w.Count(l.Register);
            w.Count(l.StartPc);
            w.Count(l.EndPc == int.MaxValue ? 0 : l.EndPc + 1L); // 0: open to the end of the function
            w.Byte(l.IsMutable ? (byte)1 : (byte)0);
        }
        w.Count(p.Protos.Length);
        foreach (var child in p.Protos) WriteProto(w, child);
    }

    /// <summary>Shared upvalues or captured values: count, then (capture byte: 0 the enclosing closure's, 1 a register;
    /// index, name) each.</summary>
    private static void WriteUpvalues(Payload w, UpvalueInfo[] upvalues)
    {
        w.Count(upvalues.Length);
        foreach (var u in upvalues)
        {
            w.Byte(u.InStack ? (byte)1 : (byte)0);
            w.Count(u.Index);
            w.String(u.Name);
        }
    }

    private static void WriteConstant(Payload w, Value v)
    {
        switch (v.AsObject)
        {
            case null when v.IsUnit: w.Byte((byte)ConstantTag.Unit); break;
            case null when v.IsBool: w.Byte((byte)(v.AsBool ? ConstantTag.True : ConstantTag.False)); break;
            case null when v.IsInt: w.Byte((byte)ConstantTag.Int); w.Signed(v.AsInt); break;
            case null when v.IsFloat: w.Byte((byte)ConstantTag.Float); w.UInt64((ulong)BitConverter.DoubleToInt64Bits(v.AsFloat)); break;
            case VeldString s: w.Byte((byte)ConstantTag.Str); w.String(s.Text); break;
            case VeldRange r:
                w.Byte((byte)ConstantTag.Range);
                w.Signed(r.Start);
                w.Signed(r.End);
                w.Byte(r.Inclusive ? (byte)1 : (byte)0);
                break;
            case BuiltinFunction b: w.Byte((byte)ConstantTag.Builtin); w.String(b.Name); break;
            case VeldTuple t:
                w.Byte((byte)ConstantTag.Tuple);
                w.Count(t.Items.Length);
                foreach (var item in t.Items) WriteConstant(w, item);
                break;
            default:
                throw new InvalidOperationException($".veldc: cannot write a constant of kind {v.Kind}");
        }
    }

    /// <summary>The payload under construction.</summary>
    private sealed class Payload
    {
        private readonly MemoryStream _bytes = new();

        public void Byte(byte b) => _bytes.WriteByte(b);

        public void Count(long n)
        {
            ulong u = checked((ulong)n);
            while (u >= 0x80)
            {
                _bytes.WriteByte((byte)(u | 0x80));
                u >>= 7;
            }
            _bytes.WriteByte((byte)u);
        }

        /// <summary>Zigzag: small magnitudes of either sign stay short.</summary>
        public void Signed(long n) => Count64((ulong)((n << 1) ^ (n >> 63)));

        private void Count64(ulong u)
        {
            while (u >= 0x80)
            {
                _bytes.WriteByte((byte)(u | 0x80));
                u >>= 7;
            }
            _bytes.WriteByte((byte)u);
        }

        public void UInt32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            _bytes.Write(b);
        }

        public void UInt64(ulong v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(b, v);
            _bytes.Write(b);
        }

        public void String(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            Count(bytes.Length);
            _bytes.Write(bytes);
        }

        public byte[] ToArray() => _bytes.ToArray();
    }
}
