package io.kadscope.gui.store;

import io.kadscope.engine.Value;
import java.util.HexFormat;
import java.util.Locale;

/** The types a value can be typed in as, and how the text becomes a {@link Value}. */
public enum ValueType {
  STR("str (text)"),
  INT("int"),
  FLOAT("float"),
  BOOL("bool"),
  BYTES("bytes (hex)");

  private final String label;

  ValueType(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }

  /**
   * The value {@code text} stands for.
   *
   * @throws IllegalArgumentException saying what was expected and what was typed
   */
  public Value parse(String text) {
    String t = text == null ? "" : text;
    switch (this) {
      case STR:
        return Value.of(t);
      case INT:
        try {
          return new Value.Int(Long.parseLong(t.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "An int is a whole number such as 42 or -7; \"" + t + "\" is not one.");
        }
      case FLOAT:
        try {
          return new Value.Float(Double.parseDouble(t.trim()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "A float is a number such as 3.14 or 1e-3; \"" + t + "\" is not one.");
        }
      case BOOL:
        String b = t.trim().toLowerCase(Locale.ROOT);
        if (b.equals("true") || b.equals("1") || b.equals("yes")) {
          return new Value.Bool(true);
        } else if (b.equals("false") || b.equals("0") || b.equals("no")) {
          return new Value.Bool(false);
        }
        throw new IllegalArgumentException("A bool is true or false; \"" + t + "\" is neither.");
      case BYTES:
        String hex = t.replaceAll("\\s", "");
        if (hex.startsWith("0x")) {
          hex = hex.substring(2);
        }
        try {
          return new Value.Bin(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Bytes are typed as pairs of hex digits such as cafebabe; \""
                  + t
                  + "\" is not"
                  + (hex.length() % 2 == 1 ? " (odd number of digits)." : "."));
        }
      default:
        throw new AssertionError(this);
    }
  }
}
