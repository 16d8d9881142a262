package io.kadscope.headless;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the console's input a line at a time with bounded memory: a line longer than {@link
 * #MAX_LINE_BYTES} is read to its end but not kept, and a line that is not UTF-8 is reported, not
 * guessed at. A line ends at {@code \n}; a {@code \r} before it is dropped.
 */
final class ConsoleInput {
  /**
   * The longest line kept: room for the largest value a store can carry written as hex digits
   * ({@code set --bytes}, two characters a byte), with its key.
   */
  static final int MAX_LINE_BYTES = 32 * 1024;

  /** One line read, or what was wrong with it. */
  sealed interface Line {}

  /** A line of text, without its line ending. */
  record Text(String text) implements Line {}

  /** A line that was not kept; {@code problem} says why, for the person typing. */
  record Refused(String problem) implements Line {}

  private final InputStream in;
  private final byte[] buffer = new byte[MAX_LINE_BYTES];
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private int lineNumber;

  ConsoleInput(InputStream in) {
    this.in = in instanceof BufferedInputStream ? in : new BufferedInputStream(in);
  }

  /** The next line, or null at the end of the input. */
  Line next() throws IOException {
    int n = 0;
    long length = 0;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (n < buffer.length) {
        buffer[n++] = (byte) b;
      }
      length++;
    }
    if (b == -1 && length == 0) {
      return null;
    }
    lineNumber++;
    if (length > buffer.length) {
      return new Refused(
          "Line "
              + lineNumber
              + " ignored: it is "
              + length
              + " bytes long; a console line holds at most "
              + MAX_LINE_BYTES
              + " bytes.");
    }
    if (n > 0 && buffer[n - 1] == '\r') {
      n--;
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
    CharBuffer chars = CharBuffer.allocate(n);
    CoderResult r = utf8.reset().decode(bytes, chars, true);
    if (!r.isError()) {
      r = utf8.flush(chars);
    }
    if (r.isError()) {
      return new Refused(
          String.format(
              "Line %d ignored: it is not UTF-8 text (byte 0x%02x at column %d).",
              lineNumber, buffer[bytes.position()] & 0xff, bytes.position() + 1));
    }
    return new Text(chars.flip().toString());
  }
}
