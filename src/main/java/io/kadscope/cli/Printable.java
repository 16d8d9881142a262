package io.kadscope.cli;

/**
 * Makes untrusted text safe to print on a terminal: a value from a remote peer, a console line, an
 * argument or an environment variable. Control characters (C0, DEL, C1, which start terminal escape
 * sequences) and the invisible characters that reorder text (bidirectional overrides) are written
 * as escapes, so that data never drives the user's terminal nor fakes a line of output.
 *
 * <pre>{@code
 * Printable.escape("\u001b[31mred");   // "\x1b[31mred"
 * Printable.escape("two\nlines");      // "two\nlines", on one line
 * Printable.quote("x".repeat(500), 8); // "'xxxxxxxx…' (500 characters)"
 * }</pre>
 *
 * <p>Backslashes are left as they are, so ordinary text (a Windows path) prints as typed.
 */
public final class Printable {
  private Printable() {}

  /** {@code s} with every control or reordering character escaped; null prints as {@code null}. */
  public static String escape(String s) {
    if (s == null) {
      return "null";
    }
    int i = 0;
    while (i < s.length() && !needsEscape(s.charAt(i))) {
      i++;
    }
    if (i == s.length()) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!needsEscape(c)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x100) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * {@code s} escaped and cut to its first {@code max} characters, saying how long it was: for
   * echoing input in a message without echoing all of it.
   */
  public static String clip(String s, int max) {
    if (s == null) {
      return "null";
    }
    if (s.length() <= max) {
      return escape(s);
    }
    int end = max;
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return escape(s.substring(0, end)) + "… (" + s.length() + " characters)";
  }

  /** {@code s} clipped to {@code max} characters and in single quotes: {@code 'abc'}. */
  public static String quote(String s, int max) {
    if (s == null) {
      return "nothing";
    }
    if (s.length() <= max) {
      return "'" + escape(s) + "'";
    }
    String clipped = clip(s, max);
    int cut = clipped.lastIndexOf("… (");
    return "'" + clipped.substring(0, cut) + "…'" + clipped.substring(cut + 1);
  }

  /** Whether {@code c} would act on a terminal or reorder the text around it. */
  static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e) // bidirectional embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidirectional isolates
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c // direction marks
        || c == 0xfeff; // a byte-order mark in mid-text
  }
}
