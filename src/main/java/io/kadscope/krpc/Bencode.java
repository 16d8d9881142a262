package io.kadscope.krpc;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between bencoded bytes (BEP 3) and {@link BValue}s, strictly on write and, where real
 * peers are sloppy, leniently on read.
 *
 * <p>Decoding is bounded and typed: a string length is compared with the bytes that remain before
 * anything is allocated; lists and dicts nest at most {@link #MAX_DEPTH} deep; integers have no
 * leading zeros and no {@code -0} and must fit in 64 signed bits; string lengths have no leading
 * zeros; dict keys are byte strings, each at most once per dict; nothing may follow the value.
 *
 * <p>Dict keys out of order are <em>accepted</em>: BEP 3 asks for sorted keys and libtorrent's own
 * encoder sorts, but libtorrent's decoder does not insist, and some clients send keys in insertion
 * order. Such a dict decodes into the same sorted {@link BDict}, so re-encoding it gives the
 * canonical bytes, not the received ones; where the exact bytes matter (a BEP 44 item's {@code v})
 * the codec keeps them as a {@link Bencoded}. Duplicate keys are refused: two peers could read them
 * differently. Encoding always sorts keys and writes the shortest form of every integer and length.
 */
public final class Bencode {
  /** Lists and dicts nested deeper than this are refused (KRPC messages nest 3 or 4 deep). */
  public static final int MAX_DEPTH = 32;

  private Bencode() {}

  // ------------------------------------------------------------------ encoding

  /** The canonical encoding of {@code value}. */
  public static byte[] encode(BValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    write(value, out);
    return out.toByteArray();
  }

  static void write(BValue value, ByteArrayOutputStream out) {
    if (value instanceof BBytes b) {
      writeBytes(b.raw(), out);
    } else if (value instanceof BInt i) {
      out.write('i');
      writeAscii(Long.toString(i.value()), out);
      out.write('e');
    } else if (value instanceof BList l) {
      out.write('l');
      for (BValue item : l.items()) {
        write(item, out);
      }
      out.write('e');
    } else if (value instanceof BDict d) {
      out.write('d');
      for (Map.Entry<BBytes, BValue> e : d.entries().entrySet()) {
        writeBytes(e.getKey().raw(), out);
        write(e.getValue(), out);
      }
      out.write('e');
    } else {
      out.writeBytes(((Bencoded) value).raw());
    }
  }

  private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
    writeAscii(Integer.toString(bytes.length), out);
    out.write(':');
    out.writeBytes(bytes);
  }

  private static void writeAscii(String s, ByteArrayOutputStream out) {
    for (int i = 0; i < s.length(); i++) {
      out.write(s.charAt(i));
    }
  }

  // ------------------------------------------------------------------ decoding

  /**
   * The one value that {@code data} holds.
   *
   * @throws BencodeException when the bytes are not exactly one well-formed value
   */
  public static BValue decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /**
   * The one value that {@code data[offset, offset+length)} holds; error positions count from {@code
   * offset}.
   *
   * @throws BencodeException when the bytes are not exactly one well-formed value
   */
  public static BValue decode(byte[] data, int offset, int length) {
    return new Reader(data, offset, length, false).readAll();
  }

  /** The value, and where each of its parts starts and ends: for the KRPC codec's errors. */
  static Parsed parse(byte[] data, int offset, int length) {
    Reader r = new Reader(data, offset, length, true);
    BValue root = r.readAll();
    return new Parsed(data, offset, root, r.spans);
  }

  /** A decoded value with the span {@code [start, end)} (offsets in the input) of each part. */
  record Parsed(byte[] data, int offset, BValue root, Map<BValue, int[]> spans) {
    /** Where {@code part} starts, counted from the start of the input. */
    int start(BValue part) {
      int[] s = spans.get(part);
      return s == null ? 0 : s[0] - offset;
    }

    /** {@code part} as its exact received bytes. */
    Bencoded exact(BValue part) {
      int[] s = spans.get(part);
      return Bencoded.slice(data, s[0], s[1], part);
    }
  }

  private static final class Reader {
    private final byte[] data;
    private final int offset;
    private final int end;
    private final Map<BValue, int[]> spans;
    private int pos;

    Reader(byte[] data, int offset, int length, boolean trackSpans) {
      if (offset < 0 || length < 0 || offset > data.length - length) {
        throw new IndexOutOfBoundsException(
            "range [" + offset + ", " + offset + "+" + length + ") of " + data.length + " bytes");
      }
      this.data = data;
      this.offset = offset;
      this.end = offset + length;
      this.pos = offset;
      this.spans = trackSpans ? new IdentityHashMap<>() : null;
    }

    BValue readAll() {
      BValue v = value(0);
      if (pos < end) {
        throw fail(
            "input", "the end after the first value", (end - pos) + " more bytes", pos - offset);
      }
      return v;
    }

    private BValue value(int depth) {
      if (pos >= end) {
        throw fail("value", "'i', 'l', 'd' or a digit", "the end of the input", pos - offset);
      }
      int start = pos;
      int b = data[pos] & 0xff;
      BValue v;
      if (b == 'i') {
        v = integer();
      } else if (b == 'l') {
        v = list(depth + 1);
      } else if (b == 'd') {
        v = dict(depth + 1);
      } else if (b >= '0' && b <= '9') {
        v = string("string");
      } else {
        throw fail("value", "'i', 'l', 'd' or a digit", describeByte(b), pos - offset);
      }
      if (spans != null) {
        spans.put(v, new int[] {start, pos});
      }
      return v;
    }

    private BInt integer() {
      int at = pos - offset;
      pos++; // 'i'
      int digitsFrom = pos;
      boolean negative = pos < end && data[pos] == '-';
      if (negative) {
        pos++;
      }
      int first = pos;
      long magnitude = 0; // accumulated negatively, so that Long.MIN_VALUE fits
      boolean overflow = false;
      while (pos < end && data[pos] >= '0' && data[pos] <= '9') {
        int d = data[pos] - '0';
        if (magnitude < (Long.MIN_VALUE + d) / 10) {
          overflow = true;
        } else {
          magnitude = magnitude * 10 - d;
        }
        pos++;
      }
      int digits = pos - first;
      if (pos >= end) {
        throw fail("integer", "digits then 'e'", "the end of the input", pos - offset);
      }
      if (digits == 0) {
        throw fail("integer", "digits", describeByte(data[pos] & 0xff), pos - offset);
      }
      if (data[pos] != 'e') {
        throw fail("integer", "digits then 'e'", describeByte(data[pos] & 0xff), pos - offset);
      }
      String text = ascii(digitsFrom, pos);
      if (data[first] == '0' && digits > 1) {
        throw fail("integer", "no leading zero", "i" + text + "e", at);
      }
      if (negative && digits == 1 && data[first] == '0') {
        throw fail("integer", "no '-' before 0", "i-0e", at);
      }
      if (overflow || (!negative && magnitude == Long.MIN_VALUE)) {
        throw fail("integer", "a value that fits in 64 signed bits", "i" + text + "e", at);
      }
      pos++; // 'e'
      return new BInt(negative ? magnitude : -magnitude);
    }

    private BBytes string(String what) {
      int at = pos - offset;
      long length = 0;
      int first = pos;
      while (pos < end && data[pos] >= '0' && data[pos] <= '9') {
        if (length <= Integer.MAX_VALUE) {
          length = length * 10 + (data[pos] - '0');
        }
        pos++;
      }
      if (pos >= end) {
        throw fail(what + " length", "digits then ':'", "the end of the input", pos - offset);
      }
      if (data[pos] != ':') {
        throw fail(
            what + " length", "digits then ':'", describeByte(data[pos] & 0xff), pos - offset);
      }
      if (data[first] == '0' && pos - first > 1) {
        throw fail(what + " length", "no leading zero", ascii(first, pos) + ":", at);
      }
      pos++; // ':'
      int left = end - pos;
      if (length > left) {
        throw fail(
            what,
            "a length of at most " + left + " bytes (what is left of the input)",
            "a length of " + (length > Integer.MAX_VALUE ? ascii(first, pos - 1) : length),
            at);
      }
      byte[] bytes = new byte[(int) length];
      System.arraycopy(data, pos, bytes, 0, bytes.length);
      pos += bytes.length;
      return BBytes.wrap(bytes);
    }

    private BList list(int depth) {
      checkDepth(depth);
      pos++; // 'l'
      List<BValue> items = new ArrayList<>();
      while (true) {
        if (pos >= end) {
          throw fail("list", "a value or 'e'", "the end of the input", pos - offset);
        }
        if (data[pos] == 'e') {
          pos++;
          return new BList(items);
        }
        items.add(value(depth));
      }
    }

    private BDict dict(int depth) {
      checkDepth(depth);
      pos++; // 'd'
      TreeMap<BBytes, BValue> entries = new TreeMap<>();
      while (true) {
        if (pos >= end) {
          throw fail("dict", "a byte string key or 'e'", "the end of the input", pos - offset);
        }
        int b = data[pos] & 0xff;
        if (b == 'e') {
          pos++;
          return BDict.wrap(entries);
        }
        int keyAt = pos - offset;
        if (b < '0' || b > '9') {
          throw fail("dict key", "a byte string", describeLead(b), keyAt);
        }
        BBytes key = string("dict key");
        BValue value = value(depth);
        if (entries.put(key, value) != null) {
          throw fail("dict key", "a key not already in this dict", key + " again", keyAt);
        }
      }
    }

    private void checkDepth(int depth) {
      if (depth > MAX_DEPTH) {
        throw fail(
            data[pos] == 'l' ? "list" : "dict",
            "at most " + MAX_DEPTH + " nested lists and dicts",
            "one more",
            pos - offset);
      }
    }

    private String ascii(int from, int to) {
      int shown = Math.min(to - from, 40);
      String s = new String(data, from, shown, StandardCharsets.ISO_8859_1);
      return to - from > shown ? s + "…" : s;
    }
  }

  private static BencodeException fail(String what, String expected, String found, int at) {
    return new BencodeException(
        what + ": expected " + expected + ", found " + found + " at byte " + at, at);
  }

  private static String describeLead(int b) {
    switch (b) {
      case 'i':
        return "an integer";
      case 'l':
        return "a list";
      case 'd':
        return "a dict";
      default:
        return describeByte(b);
    }
  }

  private static String describeByte(int b) {
    return b >= 0x20 && b < 0x7f && b != '\'' ? "'" + (char) b + "'" : String.format("0x%02x", b);
  }

  /** A short printable rendering of untrusted bytes: quoted text when printable ASCII, else hex. */
  static String quote(byte[] b, int from, int n) {
    boolean printable = true;
    for (int i = from; i < from + n && printable; i++) {
      int c = b[i] & 0xff;
      printable = c >= 0x20 && c < 0x7f && c != '\'' && c != '\\';
    }
    int shown = Math.min(n, 40);
    StringBuilder sb = new StringBuilder();
    if (printable) {
      sb.append('\'').append(new String(b, from, shown, StandardCharsets.ISO_8859_1)).append('\'');
    } else {
      // by hand, not String.format per byte: rejecting a hostile datagram must stay cheap
      sb.append("0x").append(java.util.HexFormat.of().formatHex(b, from, from + shown));
    }
    if (n > shown) {
      sb.append("… (").append(n).append(" bytes)");
    }
    return sb.toString();
  }
}
