package io.kadscope.engine;

import java.time.Duration;

/** The engine's defaults, each with where it comes from. */
public final class Defaults {
  private Defaults() {}

  /** Bucket size and replication factor: the paper's k = 20, also the Python package's ksize. */
  public static final int K = 20;

  /** Requests in flight per lookup: the paper's α = 3, also the Python package's alpha. */
  public static final int ALPHA = 3;

  /** The UDP port of the course's peers. */
  public static final int PORT = 7123;

  /** How long a request waits for its answer: rpcudp's default wait, 5 s, with no retries. */
  public static final Duration RPC_TIMEOUT = Duration.ofSeconds(5);

  /** A bucket not used by a lookup for this long is refreshed (paper 2.3, t_refresh = 1 h). */
  public static final Duration REFRESH_INTERVAL = Duration.ofHours(1);

  /** A holder republishes a value it has not seen republished for this long (t_replicate). */
  public static final Duration REPLICATE_INTERVAL = Duration.ofHours(1);

  /** The original publisher republishes its values this often (paper 2.5, t_republish). */
  public static final Duration REPUBLISH_INTERVAL = Duration.ofHours(24);

  /** A value not republished for this long expires (paper 2.5, t_expire). */
  public static final Duration EXPIRY = Duration.ofHours(24);

  /** How often the maintenance timer looks for buckets to refresh and values to republish. */
  public static final Duration MAINTENANCE_TICK = Duration.ofMinutes(1);

  /**
   * Consecutive failed RPCs after which a contact is dropped. The Python package drops after one,
   * which makes networks fall apart when a node leaves; the paper suggests tolerating a few.
   */
  public static final int MAX_FAILURES = 3;

  /**
   * The relaxation of bucket splitting (paper 4.2, b = 5): a bucket that does not hold the node's
   * own id may still split while its depth is not divisible by this, as the Python package does.
   */
  public static final int SPLIT_DEPTH_MODULUS = 5;

  /**
   * The refreshes a join owes (paper 2.3: every bucket farther than the closest neighbour) start at
   * random moments within this time after the join has ended, so that many peers joining at once do
   * not all refresh at once and slow each other's joins; well within the hour a bucket may
   * otherwise go unrefreshed.
   */
  public static final Duration JOIN_REFRESH_SPREAD = Duration.ofMinutes(1);

  /** The largest request body rpcudp will send: 8192 bytes. */
  public static final int MAX_BODY_BYTES = 8192;

  /**
   * The largest value a store can carry: the body limit less the store envelope ({@code [\"store\",
   * [bin20, bin20, value]]}: 1 + 6 + 1 + 22 + 22 bytes, and the value's own header of up to 5).
   */
  public static final int MAX_VALUE_BYTES = MAX_BODY_BYTES - 57;
}
