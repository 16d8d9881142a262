package io.kadscope.engine;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stored value: one of the five types the Python package's {@code set} accepts (str, bytes, int,
 * float, bool). The course's {@code del} stores the empty string.
 */
public sealed interface Value permits Value.Str, Value.Bin, Value.Int, Value.Float, Value.Bool {

  /** The type's name as the course's Python peers call it. */
  String typeName();

  /** The value as the console prints it ({@code Received value <display>}). */
  String display();

  /** The number of bytes the value takes in a msgpack body, at most (header included). */
  int encodedSizeBound();

  /** A text value. */
  static Value of(String s) {
    return new Str(s);
  }

  // Str, Int, Float and Bool write out the equals and hashCode a record would have. A record's own
  // are linked by invokedynamic when first called, which spins about twenty method-handle
  // classes: 8-19 ms, on a peer's first get (the lookup groups the answers by value). Their
  // toString, off that path, stays the record's. Bin writes its own for its array.

  /** A text value. */
  record Str(String value) implements Value {
    public Str {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "str";
    }

    @Override
    public String display() {
      return value;
    }

    @Override
    public int encodedSizeBound() {
      return value.getBytes(StandardCharsets.UTF_8).length + 5;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Str s && value.equals(s.value);
    }

    @Override
    public int hashCode() {
      return value.hashCode();
    }
  }

  /** Raw bytes (msgpack bin). */
  record Bin(byte[] value) implements Value {
    public Bin {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public String typeName() {
      return "bytes";
    }

    /**
     * The bytes as Python's {@code repr} writes them, as the course's peers print them: printable
     * ASCII as itself; tab, newline, carriage return, backslash and the quote escaped; every other
     * byte as {@code \xNN}. So {@code 00ff10} prints as {@code b'\x00\xff\x10'}, and {@code it's}
     * as {@code b"it's"}.
     */
    @Override
    public String display() {
      return pythonRepr(value);
    }

    /** Python's {@code repr} of a bytes object. */
    static String pythonRepr(byte[] bytes) {
      boolean hasSingle = false;
      boolean hasDouble = false;
      for (byte b : bytes) {
        hasSingle |= b == '\'';
        hasDouble |= b == '"';
      }
      char quote = hasSingle && !hasDouble ? '"' : '\'';
      StringBuilder sb = new StringBuilder(bytes.length + 3).append('b').append(quote);
      for (byte b : bytes) {
        int c = b & 0xff;
        if (c == quote || c == '\\') {
          sb.append('\\').append((char) c);
        } else if (c == '\t') {
          sb.append("\\t");
        } else if (c == '\n') {
          sb.append("\\n");
        } else if (c == '\r') {
          sb.append("\\r");
        } else if (c < 0x20 || c >= 0x7f) {
          sb.append("\\x")
              .append(Character.forDigit(c >> 4, 16))
              .append(Character.forDigit(c & 15, 16));
        } else {
          sb.append((char) c);
        }
      }
      return sb.append(quote).toString();
    }

    @Override
    public int encodedSizeBound() {
      return value.length + 5;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bin b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bin[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** A signed 64-bit integer. */
  record Int(long value) implements Value {
    @Override
    public String typeName() {
      return "int";
    }

    @Override
    public String display() {
      return Long.toString(value);
    }

    @Override
    public int encodedSizeBound() {
      return 9;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Int x && value == x.value;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(value);
    }
  }

  /** A 64-bit float. */
  record Float(double value) implements Value {
    @Override
    public String typeName() {
      return "float";
    }

    @Override
    public String display() {
      return Double.toString(value);
    }

    @Override
    public int encodedSizeBound() {
      return 9;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Float x && Double.compare(value, x.value) == 0;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(value);
    }
  }

  /** A boolean, printed as Python prints it. */
  record Bool(boolean value) implements Value {
    @Override
    public String typeName() {
      return "bool";
    }

    @Override
    public String display() {
      return value ? "True" : "False";
    }

    @Override
    public int encodedSizeBound() {
      return 1;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bool x && value == x.value;
    }

    @Override
    public int hashCode() {
      return Boolean.hashCode(value);
    }
  }
}
