using System.Runtime.CompilerServices;

namespace Veld.Runtime;

/// <summary>
/// The iteration protocol of <c>for</c> (docs/SPEC.md section 5) for every tier: arrays (elements), ranges (ints),
/// maps ((key, value) tuples in insertion order), strings (one-character strings). If the array or map
/// changes length/keys during the loop, <see cref="MoveNext"/> raises runtime error Value.
/// </summary>
public sealed class ForIterator
{
    private enum Source : byte { Array, Range, Map, Str }

    private readonly Source _source;
    private readonly HeapObject? _target;
    /// <summary>The array's or map's version when the loop started.</summary>
    private readonly int _version;
    /// <summary>Next position: element or entry index, or UTF-16 offset into a string.</summary>
    private int _position;
    /// <summary>Ranges: the next int and the last one (inclusive), or done.</summary>
    private long _next, _last;
    private bool _done;

    private ForIterator(Source source, HeapObject? target, int version)
    {
        _source = source;
        _target = target;
        _version = version;
    }

    /// <summary>Type error for a value that cannot be iterated.</summary>
    public static ForIterator Create(Value iterable)
    {
        switch (iterable.AsObject)
        {
            case VeldArray array:
                return new ForIterator(Source.Array, array, array.Version);
            case VeldMap map:
                return new ForIterator(Source.Map, map, map.Version);
            case VeldString str:
                return new ForIterator(Source.Str, str, 0);
            case VeldRange range:
            {
                var it = new ForIterator(Source.Range, null, 0) { _next = range.Start };
                // Work with an inclusive last element so a range ending at i64 max cannot overflow.
                if (range.Inclusive) { it._last = range.End; it._done = range.End < range.Start; }
                else { it._last = range.End - 1; it._done = range.End <= range.Start; }
                return it;
            }
            default:
                throw Fail.Type($"cannot iterate over a value of type {Display.TypeName(iterable)}");
        }
    }

    /// <summary>Whether the next step is an element of an array that has not changed size (no error, no end): compiled
    /// code then takes it with <see cref="NextElement"/> after its tick, and leaves every other step to
    /// <see cref="MoveNext"/>.</summary>
    public bool HasNextElement
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _source == Source.Array && Unsafe.As<VeldArray>(_target!) is var array && array.Version == _version
               && _position < array.Count;
    }

    /// <summary>The next element, when <see cref="HasNextElement"/> said there is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Value NextElement() => Unsafe.As<VeldArray>(_target!).Get(_position++);

    public bool MoveNext(out Value item)
    {
        switch (_source)
        {
            case Source.Range:
                if (_done) { item = default; return false; }
                item = Value.FromInt(_next);
                if (_next == _last) _done = true;
                else _next++;
                return true;

            case Source.Array:
            {
                var array = (VeldArray)_target!;
                if (array.Version != _version) throw Fail.Value("array changed size during iteration");
                if (_position >= array.Count) { item = default; return false; }
                item = array[_position++];
                return true;
            }

            case Source.Map:
            {
                var map = (VeldMap)_target!;
                if (map.Version != _version) throw Fail.Value("map changed keys during iteration");
                if (_position >= map.Count) { item = default; return false; }
                var (key, value) = map.EntryAt(_position++);
                item = Value.FromObject(new VeldTuple([key, value]));
                return true;
            }

            default:
            {
                string text = ((VeldString)_target!).Text;
                if (_position >= text.Length) { item = default; return false; }
                int width = char.IsHighSurrogate(text[_position]) && _position + 1 < text.Length
                            && char.IsLowSurrogate(text[_position + 1]) ? 2 : 1;
                item = width == 1 ? Strings.OneScalar(text[_position]) : Value.FromString(text.Substring(_position, 2));
                _position += width;
                return true;
            }
        }
    }
}
