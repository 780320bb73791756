using System.Globalization;
using System.Text;

namespace Veld.Runtime;

/// <summary>
/// Prints a value that may contain containers. It walks the value with an explicit stack of frames instead
/// of recursion, so a structure nested 100,000 deep prints without touching the native stack. A container
/// that is already open on that stack (a cycle) prints as <c>[...]</c>, <c>(...)</c>, <c>{...}</c> or
/// <c>Name(...)</c>; a container shared without a cycle prints in full each time it appears.
/// </summary>
internal sealed class DisplayPrinter
{
    private readonly StringBuilder _out = new();
    private readonly List<Frame> _frames = [];
    private readonly HashSet<HeapObject> _open = new(ReferenceEqualityComparer.Instance);

    /// <summary>A container being printed: its next slot and how many it has. A map has two slots per
    /// entry (key, then value), so keys that are deep tuples need no recursion either.</summary>
    private struct Frame(HeapObject container, int slots)
    {
        public readonly HeapObject Container = container;
        public readonly int Slots = slots;
        public int Next;
    }

    public string Print(Value root)
    {
        Begin(root);
        while (_frames.Count > 0)
        {
            int top = _frames.Count - 1;
            var frame = _frames[top];
            if (frame.Next == frame.Slots)
            {
                Close(frame.Container);
                _open.Remove(frame.Container);
                _frames.RemoveAt(top);
                continue;
            }
            frame.Next++;
            _frames[top] = frame;
            int before = _out.Length;
            Begin(Slot(frame.Container, frame.Next - 1));
            // The run is charged for each slot and each character shown (a slot may be a long string).
            RunBudget.Spend(1 + _out.Length - before);
            if (_out.Length > RuntimeLimits.MaxStringLength) throw Fail.TooLong("display form", _out.Length);
        }
        return _out.ToString();
    }

    /// <summary>Prints a scalar completely, or opens a container and pushes its frame.</summary>
    private void Begin(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Int: _out.Append(v.AsInt.ToString(CultureInfo.InvariantCulture)); return;
            case ValueKind.Float: _out.Append(FloatFormatter.Format(v.AsFloat)); return;
            case ValueKind.Bool: _out.Append(v.AsBool ? "true" : "false"); return;
            case ValueKind.Unit: _out.Append("()"); return;
            case ValueKind.Str: Strings.AppendQuoted(_out, v.As<VeldString>().Text); return;
            case ValueKind.Function: _out.Append(v.As<FunctionObject>().DisplayName); return;
            case ValueKind.Range:
                var range = v.As<VeldRange>();
                _out.Append(range.Start.ToString(CultureInfo.InvariantCulture))
                    .Append(range.Inclusive ? "..=" : "..")
                    .Append(range.End.ToString(CultureInfo.InvariantCulture));
                return;
            case ValueKind.Enum when v.As<EnumInstance>().Payload.Length == 0:
                var unit = v.As<EnumInstance>();
                _out.Append(unit.Type.Name).Append('.').Append(unit.VariantName);
                return;
            case ValueKind.Uninitialized: _out.Append("<uninitialized>"); return;
        }

        var container = v.AsObject!;
        if (!_open.Add(container))
        {
            Open(container);
            _out.Append("...").Append(container switch { VeldArray => ']', VeldMap => '}', _ => ')' });
            return;
        }
        Open(container);
        _frames.Add(new Frame(container, SlotCount(container)));
    }

    private void Open(HeapObject container)
    {
        switch (container)
        {
            case VeldArray: _out.Append('['); break;
            case VeldTuple: _out.Append('('); break;
            case VeldMap: _out.Append('{'); break;
            case StructInstance s: _out.Append(s.Type.Name).Append('('); break;
            case EnumInstance e: _out.Append(e.Type.Name).Append('.').Append(e.VariantName).Append('('); break;
        }
    }

    private void Close(HeapObject container)
    {
        switch (container)
        {
            case VeldArray: _out.Append(']'); break;
            case VeldTuple t: _out.Append(t.Items.Length == 1 ? ",)" : ")"); break;
            case VeldMap: _out.Append('}'); break;
            default: _out.Append(')'); break;
        }
    }

    private static int SlotCount(HeapObject container) => container switch
    {
        VeldArray a => a.Count,
        VeldTuple t => t.Items.Length,
        VeldMap m => 2 * m.Count,
        StructInstance s => s.Fields.Length,
        EnumInstance e => e.Payload.Length,
        _ => 0,
    };

    /// <summary>Appends the separator or label before slot <paramref name="i"/> and returns the value in it.</summary>
    private Value Slot(HeapObject container, int i)
    {
        switch (container)
        {
            case VeldMap map:
            {
                var entry = map.EntryAt(i / 2);
                if (i % 2 == 0)
                {
                    if (i > 0) _out.Append(", ");
                    return entry.Key;
                }
                _out.Append(": ");
                return entry.Value;
            }
            case StructInstance s:
                if (i > 0) _out.Append(", ");
                _out.Append(s.Type.FieldNames[i]).Append(": ");
                return s.Fields[i];
            default:
                if (i > 0) _out.Append(", ");
                return container switch
                {
                    VeldArray a => a[i],
                    VeldTuple t => t.Items[i],
                    EnumInstance e => e.Payload[i],
                    _ => throw new InvalidOperationException($"not a container: {container.Kind}"),
                };
        }
    }
}
