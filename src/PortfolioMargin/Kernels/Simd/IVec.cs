using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PortfolioMargin.Simd;

/// <summary>
/// A fixed-width vector of doubles. Kernels are written once against this interface and instantiated for
/// <see cref="V128"/>, <see cref="V256"/> and <see cref="V512"/>; the JIT specialises each instantiation, so the
/// abstraction costs nothing. Masks are vectors whose lanes are all-ones (true) or all-zeros (false).
/// </summary>
internal interface IVec<TSelf> where TSelf : struct, IVec<TSelf>
{
    static abstract int Count { get; }
    static abstract bool IsHardwareAccelerated { get; }
    static abstract TSelf Create(double value);
    static abstract TSelf Load(ref double source, nint offset);
    static abstract void Store(TSelf value, ref double destination, nint offset);

    static abstract TSelf operator +(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf left, TSelf right);
    static abstract TSelf operator *(TSelf left, TSelf right);
    static abstract TSelf operator /(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf value);

    /// <summary><c>left·right + addend</c> rounded once (exact in every lane; a software fallback where the hardware lacks FMA).</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf left, TSelf right, TSelf addend);

    static abstract TSelf Abs(TSelf value);
    static abstract TSelf Sqrt(TSelf value);
    static abstract TSelf Exp(TSelf value);
    static abstract TSelf Log(TSelf value);
    static abstract TSelf Truncate(TSelf value);
    static abstract TSelf Max(TSelf left, TSelf right);
    static abstract TSelf Min(TSelf left, TSelf right);

    static abstract TSelf LessThan(TSelf left, TSelf right);
    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);
    static abstract TSelf GreaterThan(TSelf left, TSelf right);
    static abstract TSelf Equal(TSelf left, TSelf right);
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);
    static abstract TSelf And(TSelf left, TSelf right);
    static abstract bool AnyTrue(TSelf mask);
    static abstract bool AllTrue(TSelf mask);
}

/// <summary>128-bit lane group (2 doubles).</summary>
internal readonly struct V128 : IVec<V128>
{
    public readonly Vector128<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public V128(Vector128<double> v) => V = v;

    public static int Count => Vector128<double>.Count;
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Create(double value) => new(Vector128.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Load(ref double source, nint offset) => new(Vector128.LoadUnsafe(ref source, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V128 value, ref double destination, nint offset) => value.V.StoreUnsafe(ref destination, (nuint)offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator +(V128 left, V128 right) => new(left.V + right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 left, V128 right) => new(left.V - right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator *(V128 left, V128 right) => new(left.V * right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator /(V128 left, V128 right) => new(left.V / right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 operator -(V128 value) => new(-value.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 FusedMultiplyAdd(V128 left, V128 right, V128 addend) => new(Vector128.FusedMultiplyAdd(left.V, right.V, addend.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Abs(V128 value) => new(Vector128.Abs(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Sqrt(V128 value) => new(Vector128.Sqrt(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Exp(V128 value) => new(Vector128.Exp(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Log(V128 value) => new(Vector128.Log(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Truncate(V128 value) => new(Vector128.Truncate(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Max(V128 left, V128 right) => new(Vector128.Max(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Min(V128 left, V128 right) => new(Vector128.Min(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 LessThan(V128 left, V128 right) => new(Vector128.LessThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 LessThanOrEqual(V128 left, V128 right) => new(Vector128.LessThanOrEqual(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 GreaterThan(V128 left, V128 right) => new(Vector128.GreaterThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Equal(V128 left, V128 right) => new(Vector128.Equals(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 Select(V128 mask, V128 whenTrue, V128 whenFalse) => new(Vector128.ConditionalSelect(mask.V, whenTrue.V, whenFalse.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V128 And(V128 left, V128 right) => new(left.V & right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(V128 mask) => mask.V.AsUInt64() != Vector128<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllTrue(V128 mask) => mask.V.AsUInt64() == Vector128<ulong>.AllBitsSet;
}

/// <summary>256-bit lane group (4 doubles).</summary>
internal readonly struct V256 : IVec<V256>
{
    public readonly Vector256<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public V256(Vector256<double> v) => V = v;

    public static int Count => Vector256<double>.Count;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Create(double value) => new(Vector256.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Load(ref double source, nint offset) => new(Vector256.LoadUnsafe(ref source, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V256 value, ref double destination, nint offset) => value.V.StoreUnsafe(ref destination, (nuint)offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator +(V256 left, V256 right) => new(left.V + right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 left, V256 right) => new(left.V - right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator *(V256 left, V256 right) => new(left.V * right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator /(V256 left, V256 right) => new(left.V / right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 operator -(V256 value) => new(-value.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 FusedMultiplyAdd(V256 left, V256 right, V256 addend) => new(Vector256.FusedMultiplyAdd(left.V, right.V, addend.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Abs(V256 value) => new(Vector256.Abs(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Sqrt(V256 value) => new(Vector256.Sqrt(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Exp(V256 value) => new(Vector256.Exp(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Log(V256 value) => new(Vector256.Log(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Truncate(V256 value) => new(Vector256.Truncate(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Max(V256 left, V256 right) => new(Vector256.Max(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Min(V256 left, V256 right) => new(Vector256.Min(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 LessThan(V256 left, V256 right) => new(Vector256.LessThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 LessThanOrEqual(V256 left, V256 right) => new(Vector256.LessThanOrEqual(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 GreaterThan(V256 left, V256 right) => new(Vector256.GreaterThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Equal(V256 left, V256 right) => new(Vector256.Equals(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 Select(V256 mask, V256 whenTrue, V256 whenFalse) => new(Vector256.ConditionalSelect(mask.V, whenTrue.V, whenFalse.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V256 And(V256 left, V256 right) => new(left.V & right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(V256 mask) => mask.V.AsUInt64() != Vector256<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllTrue(V256 mask) => mask.V.AsUInt64() == Vector256<ulong>.AllBitsSet;
}

/// <summary>512-bit lane group (8 doubles).</summary>
internal readonly struct V512 : IVec<V512>
{
    public readonly Vector512<double> V;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public V512(Vector512<double> v) => V = v;

    public static int Count => Vector512<double>.Count;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Create(double value) => new(Vector512.Create(value));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Load(ref double source, nint offset) => new(Vector512.LoadUnsafe(ref source, (nuint)offset));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(V512 value, ref double destination, nint offset) => value.V.StoreUnsafe(ref destination, (nuint)offset);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator +(V512 left, V512 right) => new(left.V + right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 left, V512 right) => new(left.V - right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator *(V512 left, V512 right) => new(left.V * right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator /(V512 left, V512 right) => new(left.V / right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 operator -(V512 value) => new(-value.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 FusedMultiplyAdd(V512 left, V512 right, V512 addend) => new(Vector512.FusedMultiplyAdd(left.V, right.V, addend.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Abs(V512 value) => new(Vector512.Abs(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Sqrt(V512 value) => new(Vector512.Sqrt(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Exp(V512 value) => new(Vector512.Exp(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Log(V512 value) => new(Vector512.Log(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Truncate(V512 value) => new(Vector512.Truncate(value.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Max(V512 left, V512 right) => new(Vector512.Max(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Min(V512 left, V512 right) => new(Vector512.Min(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 LessThan(V512 left, V512 right) => new(Vector512.LessThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 LessThanOrEqual(V512 left, V512 right) => new(Vector512.LessThanOrEqual(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 GreaterThan(V512 left, V512 right) => new(Vector512.GreaterThan(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Equal(V512 left, V512 right) => new(Vector512.Equals(left.V, right.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 Select(V512 mask, V512 whenTrue, V512 whenFalse) => new(Vector512.ConditionalSelect(mask.V, whenTrue.V, whenFalse.V));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static V512 And(V512 left, V512 right) => new(left.V & right.V);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AnyTrue(V512 mask) => mask.V.AsUInt64() != Vector512<ulong>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool AllTrue(V512 mask) => mask.V.AsUInt64() == Vector512<ulong>.AllBitsSet;
}
