package io.kadscope.wire;

import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growable byte array that a packer flushes into and that is reused from message to message. */
final class ByteSink extends OutputStream {
  /** Capacity kept between messages; a larger one (a big value) is let go on the next reset. */
  private static final int RETAINED_CAPACITY = 16 * 1024;

  private byte[] buf = new byte[1024];
  private int count;

  void reset() {
    count = 0;
    if (buf.length > RETAINED_CAPACITY) {
      buf = new byte[RETAINED_CAPACITY];
    }
  }

  int size() {
    return count;
  }

  /** A read-only view of the bytes written since the last reset. */
  ByteBuffer view() {
    return ByteBuffer.wrap(buf, 0, count).asReadOnlyBuffer();
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  private void ensure(int more) {
    if (count + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
    }
  }
}
