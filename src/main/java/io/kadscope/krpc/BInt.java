package io.kadscope.krpc;

/** A bencoded integer ({@code i42e}), within a signed 64-bit range. */
public record BInt(long value) implements BValue {

  @Override
  public String describe() {
    return "an integer";
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
