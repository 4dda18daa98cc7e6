using System.Collections;
using System.Reflection;

namespace CoNRec.Cluster.Tests.Serialization;

/// <summary>
/// Builds a populated instance of any message shape by reflection: every scalar gets a distinct value
/// (a swapped or dropped field then shows in a round trip), arrays get three elements, dictionaries two
/// entries, records and structs are built through their widest public constructor and then any settable
/// property left over. An unsupported shape throws, naming it, so a new kind of field gets noticed.
/// </summary>
sealed class SampleBuilder
{
    const int ArrayLength = 3;
    const int MaxDepth = 8;
    int _next = 1;

    public object Build(Type type) => Build(type, depth: 0);

    object Build(Type type, int depth)
    {
        if (depth > MaxDepth)
            throw new NotSupportedException($"{type} nests deeper than {MaxDepth}: a recursive message?");
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Build(inner, depth);
        return type switch
        {
            _ when type == typeof(int) => _next++,
            _ when type == typeof(long) => 10_000_000_000L + _next++,
            _ when type == typeof(double) => _next++ + 0.25,
            _ when type == typeof(float) => _next++ - 0.5f,
            _ when type == typeof(bool) => _next++ % 2 == 0,
            _ when type == typeof(string) => $"s{_next++}",
            { IsEnum: true } => Enum.GetValues(type).GetValue(_next++ % Enum.GetValues(type).Length)!,
            { IsArray: true } => BuildArray(type.GetElementType()!, depth),
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(Dictionary<,>) => BuildDictionary(type, depth),
            { IsGenericType: true } when type.GetGenericTypeDefinition() == typeof(List<>) => BuildList(type, depth),
            { IsClass: true } or { IsValueType: true } when !type.IsPrimitive && !type.IsInterface && !type.IsAbstract => Construct(type, depth),
            _ => throw new NotSupportedException($"The sample builder cannot make a {type}."),
        };
    }

    Array BuildArray(Type element, int depth)
    {
        var array = Array.CreateInstance(element, ArrayLength);
        for (var i = 0; i < ArrayLength; i++)
            array.SetValue(Build(element, depth + 1), i);
        return array;
    }

    IDictionary BuildDictionary(Type type, int depth)
    {
        var (key, value) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
        var dictionary = (IDictionary)Activator.CreateInstance(type)!;
        for (var i = 0; i < 2; i++)
            dictionary.Add(Build(key, depth + 1), Build(value, depth + 1));
        return dictionary;
    }

    IList BuildList(Type type, int depth)
    {
        var list = (IList)Activator.CreateInstance(type)!;
        for (var i = 0; i < ArrayLength; i++)
            list.Add(Build(type.GetGenericArguments()[0], depth + 1));
        return list;
    }

    object Construct(Type type, int depth)
    {
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length);
        var instance = constructor is null
            ? Activator.CreateInstance(type) ?? throw new NotSupportedException($"{type} has no public constructor.")
            : constructor.Invoke([.. constructor.GetParameters().Select(p => Build(p.ParameterType, depth + 1))]);
        var filled = constructor?.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0 && !filled.Contains(property.Name))
                property.SetValue(instance, Build(property.PropertyType, depth + 1));
        return instance;
    }
}
