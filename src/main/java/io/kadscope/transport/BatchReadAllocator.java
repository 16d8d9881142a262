package io.kadscope.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * Receive buffers for {@code recvmmsg}: one buffer of {@code batch} slots per read, and no further
 * read once a read has returned fewer datagrams than a full batch.
 *
 * <p>Netty's epoll datagram channel goes on reading while the last read brought anything, up to the
 * allocator's message limit; so every wake-up of a socket ended with a {@code recvmmsg} that found
 * nothing ({@code EAGAIN}), each one after a {@code getsockopt} Netty makes before every {@code
 * recvmmsg}. Where one process holds hundreds of peers, each woken for one or two datagrams, that
 * was four system calls for each datagram received, where two do. A read that comes back short
 * means the socket was drained as of that call; a datagram that arrives after it wakes the socket
 * again, as Netty's epoll channels are level-triggered. A full batch may have more behind it, so
 * reading goes on, up to {@code maxMessagesPerRead} datagrams, before the loop turns to its other
 * sockets.
 */
final class BatchReadAllocator extends FixedRecvByteBufAllocator {
  private final int batch;

  /**
   * @param slotBytes bytes of each datagram's slot in a read's buffer
   * @param batch datagrams one read may return: the buffer holds this many slots
   * @param maxMessagesPerRead datagrams read from one socket per wake-up at most
   */
  BatchReadAllocator(int slotBytes, int batch, int maxMessagesPerRead) {
    super(checkedBufferSize(slotBytes, batch));
    this.batch = batch;
    maxMessagesPerRead(maxMessagesPerRead);
  }

  private static int checkedBufferSize(int slotBytes, int batch) {
    if (slotBytes < 1 || batch < 1) {
      throw new IllegalArgumentException(
          "slotBytes and batch must be positive, found " + slotBytes + " and " + batch);
    }
    return Math.multiplyExact(slotBytes, batch);
  }

  @Override
  public Handle newHandle() {
    return new BatchHandle((ExtendedHandle) super.newHandle());
  }

  /** Netty's handle, but that reading stops after a read that did not fill a batch. */
  private final class BatchHandle implements ExtendedHandle {
    private final ExtendedHandle fixed;

    /** Datagrams read since the last decision to read again. */
    private int sinceLastCheck;

    BatchHandle(ExtendedHandle fixed) {
      this.fixed = fixed;
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return filledItsBatch() && fixed.continueReading(maybeMoreDataSupplier);
    }

    @Override
    public boolean continueReading() {
      return filledItsBatch() && fixed.continueReading();
    }

    /** Whether the read since the last decision filled its batch; starts the next count. */
    private boolean filledItsBatch() {
      boolean full = sinceLastCheck >= batch;
      sinceLastCheck = 0;
      return full;
    }

    @Override
    public void incMessagesRead(int numMessages) {
      sinceLastCheck += numMessages;
      fixed.incMessagesRead(numMessages);
    }

    @Override
    public void reset(ChannelConfig config) {
      sinceLastCheck = 0;
      fixed.reset(config);
    }

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      return fixed.allocate(alloc);
    }

    @Override
    public int guess() {
      return fixed.guess();
    }

    @Override
    public void lastBytesRead(int bytes) {
      fixed.lastBytesRead(bytes);
    }

    @Override
    public int lastBytesRead() {
      return fixed.lastBytesRead();
    }

    @Override
    public void attemptedBytesRead(int bytes) {
      fixed.attemptedBytesRead(bytes);
    }

    @Override
    public int attemptedBytesRead() {
      return fixed.attemptedBytesRead();
    }

    @Override
    public void readComplete() {
      fixed.readComplete();
    }
  }
}
