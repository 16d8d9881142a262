package io.kadscope.persist;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.kadscope.engine.Value;
import java.util.Base64;
import java.util.function.Function;

/**
 * The five types of a stored value, each with its JSON form: the {@code type} field names one, and
 * the {@code value} field holds the value in that type's form.
 */
enum ValueKind {
  STR(
      "str",
      "a JSON string",
      v -> new JsonPrimitive(((Value.Str) v).value()),
      p -> p.isString() ? Value.of(p.getAsString()) : null),
  BYTES(
      "bytes",
      "base64 text",
      v -> new JsonPrimitive(Base64.getEncoder().encodeToString(((Value.Bin) v).value())),
      p -> p.isString() ? new Value.Bin(Base64.getDecoder().decode(p.getAsString())) : null),
  INT(
      "int",
      "a 64-bit integer",
      v -> new JsonPrimitive(((Value.Int) v).value()),
      p -> p.isNumber() ? new Value.Int(JsonFields.exactLong(p)) : null),
  FLOAT(
      "float",
      "a number, NaN, Infinity or -Infinity",
      ValueKind::encodeFloat,
      ValueKind::decodeFloat),
  BOOL(
      "bool",
      "true or false",
      v -> new JsonPrimitive(((Value.Bool) v).value()),
      p -> p.isBoolean() ? new Value.Bool(p.getAsBoolean()) : null);

  /** What the {@code type} field holds for this kind: the Python peers' name of the type. */
  final String typeName;

  /** What the {@code value} field must hold, as an error message says it. */
  final String expected;

  private final Function<Value, JsonElement> encode;
  private final Function<JsonPrimitive, Value> decode;

  ValueKind(
      String typeName,
      String expected,
      Function<Value, JsonElement> encode,
      Function<JsonPrimitive, Value> decode) {
    this.typeName = typeName;
    this.expected = expected;
    this.encode = encode;
    this.decode = decode;
  }

  /** The value's JSON form; {@code value} is of this kind. */
  JsonElement encode(Value value) {
    return encode.apply(value);
  }

  /** The value in {@code p}, or null (or an exception) when {@code p} is not of this kind. */
  Value decode(JsonPrimitive p) {
    return decode.apply(p);
  }

  /** The kind of {@code value}. */
  static ValueKind of(Value value) {
    return named(value.typeName());
  }

  /** The kind the {@code type} field names, or null for none. */
  static ValueKind named(String typeName) {
    for (ValueKind k : values()) {
      if (k.typeName.equals(typeName)) {
        return k;
      }
    }
    return null;
  }

  /** JSON has no NaN nor infinities: those three are written as text. */
  private static JsonElement encodeFloat(Value v) {
    double d = ((Value.Float) v).value();
    return Double.isFinite(d) ? new JsonPrimitive(d) : new JsonPrimitive(Double.toString(d));
  }

  private static Value decodeFloat(JsonPrimitive p) {
    if (p.isNumber()) {
      return new Value.Float(p.getAsDouble());
    }
    String s = p.getAsString();
    return s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")
        ? new Value.Float(Double.parseDouble(s))
        : null;
  }
}
