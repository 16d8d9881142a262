package io.kadscope.engine.guard;

import io.kadscope.engine.rpc.HostPort;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a node refused, by {@link Refusal}, and logs it without letting a flood flood the
 * log: the first refusal of each kind is logged at once, and after it at most one line a minute per
 * kind, which says how many more there were meanwhile. Thread-safe.
 */
public final class Refusals {
  private static final Logger log = LoggerFactory.getLogger(Refusals.class);

  /** At most one log line per kind of refusal this often. */
  public static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private static final Refusal[] KINDS = Refusal.values();

  private final String node;
  private final Clock clock;
  private final AtomicLongArray counts = new AtomicLongArray(KINDS.length);
  private final long[] loggedAt = new long[KINDS.length];
  private final long[] countAtLog = new long[KINDS.length];

  /**
   * @param node names the node in log lines (its short id)
   * @param clock times the log's rate limit
   */
  public Refusals(String node, Clock clock) {
    this.node = node;
    this.clock = clock;
    Arrays.fill(loggedAt, Long.MIN_VALUE);
  }

  /**
   * Counts one refusal of {@code kind} of what {@code from} sent, and logs it if its kind has not
   * been logged for {@link #LOG_EVERY}.
   *
   * @param detail what exactly, for the log: {@code key 3fa2b1c0, 65536 keys held}
   */
  public void refuse(Refusal kind, InetSocketAddress from, String detail) {
    int i = kind.ordinal();
    long total = counts.incrementAndGet(i);
    long now = clock.millis();
    long more;
    synchronized (loggedAt) {
      if (loggedAt[i] != Long.MIN_VALUE && now - loggedAt[i] < LOG_EVERY.toMillis()) {
        return;
      }
      loggedAt[i] = now;
      more = total - countAtLog[i] - 1;
      countAtLog[i] = total;
    }
    if (log.isEnabledForLevel(kind.level())) {
      log.atLevel(kind.level())
          .log(
              "{} refused a {} from {}: {}{}",
              node,
              kind.label(),
              HostPort.of(from),
              detail,
              more > 0 ? " (and " + more + " more since the last such line)" : "");
    }
  }

  /** How many refusals of {@code kind} so far. */
  public long count(Refusal kind) {
    return counts.get(kind.ordinal());
  }

  /** Every kind's count so far. */
  public Counts snapshot() {
    EnumMap<Refusal, Long> m = new EnumMap<>(Refusal.class);
    for (Refusal r : KINDS) {
      m.put(r, counts.get(r.ordinal()));
    }
    return new Counts(m);
  }

  /** The counts at one moment, by kind. */
  public record Counts(Map<Refusal, Long> byKind) {
    public Counts {
      byKind = Map.copyOf(byKind);
    }

    /** How many of {@code kind}. */
    public long of(Refusal kind) {
      return byKind.getOrDefault(kind, 0L);
    }

    /** How many in all. */
    public long total() {
      return byKind.values().stream().mapToLong(Long::longValue).sum();
    }
  }
}
