using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// An answer that may be one record or a list of them (the summaries of a date: one per source), read as a list.
/// <c>{}</c> is read as an empty list, like Human API's other empty answers.
/// </summary>
[JsonConverter(typeof(OneOrManyConverterFactory))]
internal sealed record OneOrMany<T>(List<T> Items);

/// <summary>Creates the converter of <see cref="OneOrMany{T}"/> for each record type.</summary>
internal sealed class OneOrManyConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(OneOrMany<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OneOrManyConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;
}

/// <summary>Reads an object as a list of one (none for <c>{}</c>), an array as the list; never writes.</summary>
internal sealed class OneOrManyConverter<T> : JsonConverter<OneOrMany<T>>
{
    public override OneOrMany<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var list = (JsonTypeInfo<List<T>>)options.GetTypeInfo(typeof(List<T>));
            return new OneOrMany<T>(JsonSerializer.Deserialize(ref reader, list) ?? []);
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object or an array.");
        }

        var one = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var copy = reader;
        copy.Read();
        if (copy.TokenType == JsonTokenType.EndObject)
        {
            reader.Skip();
            return new OneOrMany<T>([]);
        }

        var value = JsonSerializer.Deserialize(ref reader, one);
        return new OneOrMany<T>(value is null ? [] : [value]);
    }

    public override void Write(Utf8JsonWriter writer, OneOrMany<T> value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Answers of the data API are read, never written.");
}
