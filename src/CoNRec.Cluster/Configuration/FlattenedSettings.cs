using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CoNRec.Cluster.Configuration;

/// <summary>
/// Writes the settings of an options record held by a section directly into the section's JSON object, so that
/// <c>grpo.clipLow</c> reads <c>GrpoSection.Update.ClipLow</c> without the section repeating GrpoOptions' fields.
/// Setting one of them replaces the held record with a copy that has the new value (records are immutable).
/// </summary>
internal static class FlattenedSettings
{
    /// <param name="holderProperty">The section's property that holds the record (marked [JsonIgnore]).</param>
    /// <param name="excluded">Settings of the record left out of the section (CLR names).</param>
    public static Action<JsonTypeInfo> Into<TSection>(string holderProperty, IReadOnlyCollection<string> excluded) => info =>
    {
        if (info.Type != typeof(TSection)) return;
        var holder = typeof(TSection).GetProperty(holderProperty) ?? throw new InvalidOperationException($"{typeof(TSection).Name} has no property {holderProperty}");
        var clone = holder.PropertyType.GetMethod("<Clone>$") ?? throw new InvalidOperationException($"{holder.PropertyType.Name} is not a record");
        var at = 0;
        foreach (var setting in holder.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (setting.SetMethod is not { IsPublic: true } || setting.GetMethod is null || excluded.Contains(setting.Name)
                || setting.IsDefined(typeof(JsonIgnoreAttribute)))
                continue;
            var name = info.Options.PropertyNamingPolicy?.ConvertName(setting.Name) ?? setting.Name;
            var property = info.CreateJsonPropertyInfo(setting.PropertyType, name);
            property.Get = section => setting.GetValue(holder.GetValue(section));
            property.Set = (section, value) =>
            {
                var copy = clone.Invoke(holder.GetValue(section), null);
                setting.SetValue(copy, value);
                holder.SetValue(section, copy);
            };
            info.Properties.Insert(at++, property);
        }
    };
}
