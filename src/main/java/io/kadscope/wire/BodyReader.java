package io.kadscope.wire;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;

/**
 * Typed reads of one msgpack body held in a byte array, each checked before anything is allocated:
 * a length is compared with the bytes that remain, and there is no generic (recursive) read, so a
 * hostile body can neither claim a huge size nor nest deeply. Not thread-safe; reused per body.
 */
final class BodyReader {
  private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
  private final MessageUnpacker unpacker = MessagePack.DEFAULT_UNPACKER_CONFIG.newUnpacker(input);
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] scratch = new byte[IpLiterals.MAX_LENGTH];
  private final byte[] idScratch = new byte[NodeId.BYTES];
  private final AddressCache addresses = new AddressCache();
  private byte[] data = new byte[0];
  private int start;
  private int length;
  private int lastHeaderBytes;

  /**
   * Starts reading the body {@code data[start, start+length)}, which begins at datagram byte 21.
   */
  void reset(byte[] data, int start, int length) {
    this.data = data;
    this.start = start;
    this.length = length;
    input.reset(data, start, length);
    try {
      unpacker.reset(input);
    } catch (IOException e) {
      throw new IllegalStateException("resetting an in-memory unpacker cannot fail", e);
    }
  }

  /** The position in the datagram of the next unread byte. */
  int datagramOffset() {
    return WireCodec.HEADER_BYTES + position();
  }

  private int position() {
    return (int) unpacker.getTotalReadBytes();
  }

  private int remaining() {
    return length - position();
  }

  /** The format of the next value, or null at the end of the body. */
  MessageFormat peek() {
    return remaining() <= 0 ? null : MessageFormat.valueOf(data[start + position()]);
  }

  /** Fails unless every byte of the body was read. */
  void expectEnd(String what) {
    if (remaining() > 0) {
      throw new WireFormatException(
          what
              + ": expected the end of the datagram, found "
              + remaining()
              + " more bytes at byte "
              + datagramOffset());
    }
  }

  /** An array header with exactly {@code size} elements; {@code shape} names them for errors. */
  void fixedArray(String what, int size, String shape) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.ARRAY) {
      throw mismatch(what, "array of " + size + " " + shape, describe(f), at);
    }
    checkClaim(what, "array", declaredLength(f), 1, at);
    int n = unpacker.unpackArrayHeader();
    if (n != size) {
      throw mismatch(what, "array of " + size + " " + shape, "array of " + n, at);
    }
  }

  /** An array header, its length checked against the bytes that remain (one per element). */
  int arrayHeader(String what, String expected) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.ARRAY) {
      throw mismatch(what, expected, describe(f), at);
    }
    checkClaim(what, "array", declaredLength(f), 1, at);
    return unpacker.unpackArrayHeader();
  }

  /** A map header, its length checked against the bytes that remain (two per entry). */
  int mapHeader(String what, String expected) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.MAP) {
      throw mismatch(what, expected, describe(f), at);
    }
    checkClaim(what, "map", declaredLength(f), 2, at);
    return unpacker.unpackMapHeader();
  }

  /** A bin of exactly 20 bytes, as a node id or key. */
  NodeId nodeId(String what) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.BINARY) {
      throw mismatch(what, "bin of 20 bytes", describe(f), at);
    }
    checkClaim(what, "bin", declaredLength(f), 1, at);
    int n = unpacker.unpackBinaryHeader();
    if (n != NodeId.BYTES) {
      throw mismatch(what, "bin of 20 bytes", "bin of " + n + " bytes", at);
    }
    unpacker.readPayload(idScratch);
    return NodeId.of(idScratch); // copies
  }

  /**
   * The UTF-8 bytes of a str into {@code out}, which must hold them; returns the length. For short
   * fixed strings (rpc names, map keys) read without making a String.
   */
  int shortStr(String what, String expected, byte[] out) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.STRING) {
      throw mismatch(what, expected, describe(f), at);
    }
    checkClaim(what, "str", declaredLength(f), 1, at);
    int n = unpacker.unpackRawStringHeader();
    if (n > out.length) {
      throw mismatch(what, expected, "str of " + n + " bytes", at);
    }
    unpacker.readPayload(out, 0, n);
    return n;
  }

  /** A str, which must be valid UTF-8. */
  String str(String what) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.STRING) {
      throw mismatch(what, "str", describe(f), at);
    }
    return strBody(what, f, at);
  }

  private String strBody(String what, MessageFormat f, int at) throws IOException {
    checkClaim(what, "str", declaredLength(f), 1, at);
    int n = unpacker.unpackRawStringHeader();
    int from = start + position();
    String s;
    if (isAscii(data, from, n)) {
      // ASCII is UTF-8 that decodes byte for byte: one copy into a compact string, where the
      // decoder makes a CharBuffer first (and is, for the JIT, a large method of its own)
      s = new String(data, from, n, StandardCharsets.ISO_8859_1);
    } else {
      try {
        s = utf8.reset().decode(ByteBuffer.wrap(data, from, n)).toString();
      } catch (CharacterCodingException e) {
        throw mismatch(what, "str of valid UTF-8", "invalid UTF-8", at);
      }
    }
    unpacker.readPayloadAsReference(n); // advances past the bytes decoded in place
    return s;
  }

  private static boolean isAscii(byte[] b, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (b[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** A str holding an IP literal (never resolved by DNS). */
  InetAddress ip(String what) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.STRING) {
      throw mismatch(what, "str holding an IP address", describe(f), at);
    }
    checkClaim(what, "str", declaredLength(f), 1, at);
    int n = unpacker.unpackRawStringHeader();
    int from = start + position();
    InetAddress address = n <= IpLiterals.MAX_LENGTH ? addresses.ip(data, from, n) : null;
    if (address == null) {
      throw mismatch(what, "an IPv4 or IPv6 address literal", "str " + quote(data, from, n), at);
    }
    unpacker.readPayload(scratch, 0, n); // advances past the literal parsed in place
    return address;
  }

  /** {@code ip} with {@code port}, shared with earlier contacts at that address. */
  InetSocketAddress socket(InetAddress ip, int port) {
    return addresses.socket(ip, port);
  }

  /** An int in {@code [min, max]}. */
  long integer(String what, long min, long max) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f == null || f.getValueType() != org.msgpack.value.ValueType.INTEGER) {
      throw mismatch(what, "int in " + min + ".." + max, describe(f), at);
    }
    long v = readLong(what, at);
    if (v < min || v > max) {
      throw mismatch(what, "int in " + min + ".." + max, "int " + v, at);
    }
    return v;
  }

  /** A bool. */
  boolean bool(String what) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    if (f != MessageFormat.BOOLEAN) {
      throw mismatch(what, "bool", describe(f), at);
    }
    return unpacker.unpackBoolean();
  }

  /** A stored value: str, bin, int (fitting a signed 64-bit long), float or bool. */
  Value value(String what) throws IOException {
    int at = datagramOffset();
    MessageFormat f = peek();
    String expected = "str, bin, int, float or bool";
    if (f == null) {
      throw mismatch(what, expected, describe(null), at);
    }
    switch (f.getValueType()) {
      case STRING:
        return new Value.Str(strBody(what, f, at));
      case BINARY:
        {
          checkClaim(what, "bin", declaredLength(f), 1, at);
          int n = unpacker.unpackBinaryHeader();
          return new Value.Bin(unpacker.readPayload(n));
        }
      case INTEGER:
        return new Value.Int(readLong(what, at));
      case FLOAT:
        return new Value.Float(unpacker.unpackDouble());
      case BOOLEAN:
        return new Value.Bool(unpacker.unpackBoolean());
      default:
        throw mismatch(what, expected, describe(f), at);
    }
  }

  private long readLong(String what, int at) throws IOException {
    if (peek() == MessageFormat.UINT64 && remaining() >= 9 && data[start + position() + 1] < 0) {
      throw mismatch(what, "int that fits in 64 signed bits", "uint64 above 2^63-1", at);
    }
    return unpacker.unpackLong();
  }

  /**
   * The length (elements, entries or bytes) that the header of the next value, of format {@code f},
   * declares; read from the raw bytes so that a 32-bit length is seen before msgpack-core acts on
   * it.
   *
   * @throws WireFormatException when the header itself runs past the end of the body
   */
  private long declaredLength(MessageFormat f) {
    int p = start + position();
    int b = data[p] & 0xff;
    int size;
    lastHeaderBytes = 1;
    switch (f) {
      case FIXARRAY:
      case FIXMAP:
        return b & 0x0f;
      case FIXSTR:
        return b & 0x1f;
      case STR8:
      case BIN8:
        size = 1;
        break;
      case STR16:
      case BIN16:
      case ARRAY16:
      case MAP16:
        size = 2;
        break;
      default:
        size = 4;
        break;
    }
    if (remaining() < 1 + size) {
      throw new WireFormatException(
          "body truncated: expected a "
              + (1 + size)
              + "-byte "
              + describe(f)
              + " header, found "
              + remaining()
              + " bytes left at byte "
              + datagramOffset());
    }
    lastHeaderBytes = 1 + size;
    long n = 0;
    for (int i = 1; i <= size; i++) {
      n = (n << 8) | (data[p + i] & 0xff);
    }
    return n;
  }

  /** Fails when a header claims more elements or bytes than the body has left. */
  private void checkClaim(String what, String kind, long n, int minBytesEach, int at) {
    int left = remaining() - lastHeaderBytes;
    if (n * minBytesEach > left) {
      String unit = kind.equals("array") ? " elements" : kind.equals("map") ? " entries" : " bytes";
      throw mismatch(
          what,
          "at most " + left + " bytes (what is left of the datagram)",
          kind + " claiming " + n + unit,
          at);
    }
  }

  static WireFormatException mismatch(String what, String expected, String found, int at) {
    return new WireFormatException(
        what + ": expected " + expected + ", found " + found + " at byte " + at);
  }

  /** How a value of format {@code f} is named in an error message. */
  static String describe(MessageFormat f) {
    if (f == null) {
      return "end of datagram";
    }
    switch (f) {
      case NEVER_USED:
        return "reserved byte 0xc1";
      case FIXEXT1:
      case FIXEXT2:
      case FIXEXT4:
      case FIXEXT8:
      case FIXEXT16:
      case EXT8:
      case EXT16:
      case EXT32:
        return "ext";
      default:
        break;
    }
    switch (f.getValueType()) {
      case NIL:
        return "nil";
      case BOOLEAN:
        return "bool";
      case INTEGER:
        return "int";
      case FLOAT:
        return "float";
      case STRING:
        return "str";
      case BINARY:
        return "bin";
      case ARRAY:
        return "array";
      case MAP:
        return "map";
      default:
        return f.name().toLowerCase(Locale.ROOT);
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** A short printable rendering of untrusted text for an error message. */
  static String quote(byte[] b, int from, int n) {
    StringBuilder sb = new StringBuilder("'");
    int shown = Math.min(n, 40);
    for (int i = from; i < from + shown; i++) {
      int c = b[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        sb.append((char) c);
      } else {
        // by hand: String.format parses its pattern and makes a Formatter for every byte, and a
        // hostile datagram full of such bytes must not cost kilobytes to reject
        sb.append("\\x").append(HEX[c >>> 4]).append(HEX[c & 0xf]);
      }
    }
    sb.append('\'');
    if (n > shown) {
      sb.append("… (").append(n).append(" bytes)");
    }
    return sb.toString();
  }
}
