package io.kadscope.persist;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Gson type adapters that read strictly and say where: a value of the wrong JSON type fails with
 * its path in the document ({@code contacts[2].port: expected an integer, found "x"}) instead of
 * being coerced or failing with a stack of Gson internals.
 */
final class JsonFields {
  private JsonFields() {}

  /** A field that does not hold what the format expects; the message starts with its path. */
  static final class BadField extends RuntimeException {
    BadField(String where, String problem, Throwable cause) {
      super(where + ": " + problem, cause);
    }
  }

  /** Writes one value of a field. */
  @FunctionalInterface
  interface Writing<T> {
    void write(JsonWriter out, T value) throws IOException;
  }

  /**
   * A field held in one JSON primitive: {@code parse} turns it into a {@code T}, returning null or
   * throwing when it is not one, and the field's path and {@code expected} make the message.
   */
  static <T> TypeAdapter<T> primitive(
      String expected, Function<JsonPrimitive, T> parse, Writing<T> writing) {
    return new TypeAdapter<>() {
      @Override
      public void write(JsonWriter out, T value) throws IOException {
        writing.write(out, value);
      }

      @Override
      public T read(JsonReader in) {
        String where = where(in);
        JsonElement e = JsonParser.parseReader(in);
        T value = null;
        RuntimeException why = null;
        if (e.isJsonPrimitive()) {
          try {
            value = parse.apply(e.getAsJsonPrimitive());
          } catch (RuntimeException ex) {
            why = ex;
          }
        }
        if (value == null) {
          throw new BadField(where, "expected " + expected + ", found " + e, why);
        }
        return value;
      }
    };
  }

  /** A JSON string, never a number or a boolean read as text. */
  static final TypeAdapter<String> STRING =
      primitive("a JSON string", p -> p.isString() ? p.getAsString() : null, JsonWriter::value);

  /** A JSON integer that fits 64 bits, read exactly (no rounding through a double). */
  static final TypeAdapter<Long> INTEGER =
      primitive("an integer", JsonFields::exactLong, JsonWriter::value);

  /** {@code true} or {@code false}, never the text {@code "true"}. */
  static final TypeAdapter<Boolean> BOOLEAN =
      primitive("true or false", p -> p.isBoolean() ? p.getAsBoolean() : null, JsonWriter::value);

  /** The number's exact value as a long, or an exception when it is not a 64-bit integer. */
  static Long exactLong(JsonPrimitive p) {
    if (!p.isNumber()) {
      return null;
    }
    return new BigDecimal(p.getAsString()).longValueExact();
  }

  /**
   * Holds JSON arrays and the given records to their shape: a list that is not a JSON array, or a
   * record that is not a JSON object, fails with its path.
   */
  static TypeAdapterFactory shapes(Set<Class<? extends Record>> objects) {
    return new TypeAdapterFactory() {
      @Override
      public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<?> raw = type.getRawType();
        boolean list = raw == List.class;
        if (!list && !objects.contains(raw)) {
          return null;
        }
        JsonToken begin = list ? JsonToken.BEGIN_ARRAY : JsonToken.BEGIN_OBJECT;
        String expected = list ? "a JSON array" : "a JSON object";
        TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
        return new TypeAdapter<>() {
          @Override
          public void write(JsonWriter out, T value) throws IOException {
            delegate.write(out, value);
          }

          @Override
          public T read(JsonReader in) throws IOException {
            if (in.peek() != begin) {
              String where = where(in);
              throw new BadField(
                  where, "expected " + expected + ", found " + JsonParser.parseReader(in), null);
            }
            return delegate.read(in);
          }
        };
      }
    };
  }

  /**
   * Binds {@code type} through the record {@code form} that is its JSON layout: out through {@code
   * toForm}, in through {@code fromForm}, which is given the path of the object to name in errors.
   */
  static <T, F> TypeAdapterFactory through(
      Class<T> type, Class<F> form, Function<T, F> toForm, BiFunction<F, String, T> fromForm) {
    return new TypeAdapterFactory() {
      @Override
      @SuppressWarnings("unchecked")
      public <X> TypeAdapter<X> create(Gson gson, TypeToken<X> token) {
        if (token.getRawType() != type) {
          return null;
        }
        TypeAdapter<F> delegate = gson.getAdapter(form);
        return (TypeAdapter<X>)
            new TypeAdapter<T>() {
              @Override
              public void write(JsonWriter out, T value) throws IOException {
                delegate.write(out, toForm.apply(value));
              }

              @Override
              public T read(JsonReader in) throws IOException {
                String where = where(in);
                return fromForm.apply(delegate.read(in), where);
              }
            };
      }
    };
  }

  /** {@code value}, or a failure naming the field that is missing from the object at {@code at}. */
  static <T> T required(T value, String at, String field) {
    if (value == null) {
      throw new BadField(at.isEmpty() ? field : at + "." + field, "missing", null);
    }
    return value;
  }

  /**
   * The path of the reader's next value as the messages name it: {@code contacts[0].host}, or
   * {@code the document} for the whole.
   */
  static String where(JsonReader in) {
    String path = in.getPath();
    return path.equals("$") ? "the document" : path.substring(path.startsWith("$.") ? 2 : 1);
  }
}
