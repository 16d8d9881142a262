package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.UncheckedBooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * When a socket's wake-up stops reading: after a read that did not fill a batch (the socket was
 * drained; no {@code recvmmsg} that can only find nothing), or at the per-wake-up limit.
 */
class BatchReadAllocatorTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();

  private RecvByteBufAllocator.ExtendedHandle handle(int batch, int maxPerWakeUp) {
    RecvByteBufAllocator.ExtendedHandle h =
        (RecvByteBufAllocator.ExtendedHandle)
            new BatchReadAllocator(64, batch, maxPerWakeUp).newHandle();
    h.reset(channel.config());
    return h;
  }

  /** As Netty's epoll datagram channel asks, after each {@code recvmmsg} that brought datagrams. */
  private static boolean readsAgain(RecvByteBufAllocator.ExtendedHandle h) {
    return h.continueReading(UncheckedBooleanSupplier.TRUE_SUPPLIER);
  }

  @Test
  void aShortRead_endsTheWakeUp() {
    RecvByteBufAllocator.ExtendedHandle h = handle(16, 64);

    h.incMessagesRead(1);
    h.lastBytesRead(200);

    assertThat(readsAgain(h)).isFalse();
  }

  @Test
  void fullBatches_goOnUpToTheLimitOfAWakeUp() {
    RecvByteBufAllocator.ExtendedHandle h = handle(16, 64);

    for (int read = 1; read <= 3; read++) {
      h.incMessagesRead(16);
      h.lastBytesRead(16 * 200);
      assertThat(readsAgain(h)).as("after full read %d", read).isTrue();
    }
    h.incMessagesRead(16);
    h.lastBytesRead(16 * 200);
    assertThat(readsAgain(h)).as("64 datagrams read: the limit").isFalse();
  }

  @Test
  void aNewWakeUp_countsAfresh() {
    RecvByteBufAllocator.ExtendedHandle h = handle(16, 64);
    h.incMessagesRead(16);
    h.lastBytesRead(16 * 200);
    assertThat(readsAgain(h)).isTrue();
    h.incMessagesRead(3);
    assertThat(readsAgain(h)).isFalse();

    h.reset(channel.config());
    h.incMessagesRead(16);
    h.lastBytesRead(16 * 200);

    assertThat(readsAgain(h)).isTrue();
  }

  @Test
  void eachReadGetsTheWholeBuffer() {
    assertThat(handle(16, 64).guess()).isEqualTo(1024);
  }

  @Test
  void aBatchBelowOne_isRefused() {
    assertThatThrownBy(() -> new BatchReadAllocator(64, 0, 64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slotBytes and batch must be positive, found 64 and 0");
  }
}
