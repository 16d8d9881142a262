package io.kadscope.transport;

import io.kadscope.engine.rpc.HostPort;
import io.kadscope.engine.rpc.RpcStats;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a port received and dropped, logs each drop at DEBUG only, and a WARN at most once a
 * minute that sums the drops since the last one, so that a flood cannot flood the log. Written by
 * the port's event loop only; read from any thread.
 */
final class DropCounter {
  private static final Logger log = LoggerFactory.getLogger(UdpRpcPort.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** Why a datagram was dropped. */
  enum Kind {
    MALFORMED,
    UNSOLICITED,
    OVERSIZED
  }

  private final Object port;
  private volatile long received;
  private volatile long malformed;
  private volatile long unsolicited;
  private volatile long oversized;
  private long lastWarn = System.nanoTime() - WARN_EVERY_NANOS;
  private long droppedAtLastWarn;

  /**
   * @param port names the port in log lines (its {@code toString()})
   */
  DropCounter(Object port) {
    this.port = port;
  }

  void received() {
    received++;
  }

  void dropped(Kind kind, InetSocketAddress from, String reason) {
    switch (kind) {
      case MALFORMED -> malformed++;
      case UNSOLICITED -> unsolicited++;
      case OVERSIZED -> oversized++;
    }
    if (log.isDebugEnabled()) {
      log.debug("{} dropped a {} datagram from {}: {}", port, kind, HostPort.of(from), reason);
    }
    long now = System.nanoTime();
    if (now - lastWarn >= WARN_EVERY_NANOS) {
      long total = malformed + unsolicited + oversized;
      log.warn(
          "{} dropped {} datagrams since the last such warning (totals: {} malformed, {} unsolicited,"
              + " {} oversized); the latest from {}: {}",
          port,
          total - droppedAtLastWarn,
          malformed,
          unsolicited,
          oversized,
          HostPort.of(from),
          reason);
      lastWarn = now;
      droppedAtLastWarn = total;
    }
  }

  RpcStats stats() {
    return new RpcStats(received, malformed, unsolicited, oversized);
  }
}
