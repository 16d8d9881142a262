package io.kadscope.engine.guard;

import java.net.InetAddress;

/**
 * The bounds a node keeps on what other peers may make it hold and do; {@link #DEFAULT} says why
 * each default is what it is. Immutable: each {@code with…} returns a changed copy.
 *
 * @param maxKeys the most values held for others (values this node published itself are always
 *     kept, and count)
 * @param maxBytes the most bytes of values held, as their msgpack encodings
 * @param requestsPerSecond the rate at which one address's requests are answered, after a burst of
 *     {@code requestBurst}; {@link Double#POSITIVE_INFINITY} for no limit
 * @param requestBurst how many requests one address may send at once
 * @param storesPerSecond the rate at which one address's stores are taken, after a burst of {@code
 *     storeBurst}
 * @param storeBurst how many stores one address may send at once
 * @param contactsPerAddress the most contacts one address (an IPv4 address, an IPv6 /64) may have
 *     in one bucket, replacement cache included
 * @param loopbackExempt whether loopback peers (127.0.0.0/8, ::1) are exempt from the rates and the
 *     per-address contact limit, so that a local network of many peers on one machine works
 */
public record Limits(
    int maxKeys,
    long maxBytes,
    double requestsPerSecond,
    int requestBurst,
    double storesPerSecond,
    int storeBurst,
    int contactsPerAddress,
    boolean loopbackExempt) {

  /**
   * The defaults.
   *
   * <ul>
   *   <li>65,536 keys and 32 MiB: a node holds about k·M/N of M keys in a network of N peers, a few
   *       thousand for the course's networks, so there is ten times room; the overhead of a held
   *       key is about 300 bytes of heap, so a full store costs about 50 MiB, within the heap of a
   *       small container. 32 MiB is 4,000 values of the largest size (8 KiB).
   *   <li>250 requests a second after a burst of 1,000 per address: an honest peer sends a few
   *       requests per lookup to a given peer (α = 3 in flight), and a join's bucket refreshes some
   *       dozens; a flood from one address is answered at a bounded rate, which also bounds how
   *       much a forged source address can make this node send to a victim.
   *   <li>100 stores a second after a burst of 1,000: a holder hands a newcomer, or republishes,
   *       every value it holds at once; beyond that one address fills the store at a bounded rate.
   *   <li>2 contacts per address in a bucket (go-libp2p-kad-dht allows 2 per /24 and bucket): one
   *       host cannot fill a bucket with ids it made up (an eclipse), yet two peers behind one NAT
   *       still fit.
   *   <li>Loopback exempt: the visualiser's local network and the benchmarks run hundreds of peers
   *       on 127.0.0.1, and nothing on loopback comes from another machine.
   * </ul>
   */
  public static final Limits DEFAULT =
      new Limits(65_536, 32L << 20, 250, 1_000, 100, 1_000, 2, true);

  /** No bounds at all: what a node of the Python package does. For tests and tools. */
  public static final Limits NONE =
      new Limits(
          Integer.MAX_VALUE,
          Long.MAX_VALUE,
          Double.POSITIVE_INFINITY,
          Integer.MAX_VALUE,
          Double.POSITIVE_INFINITY,
          Integer.MAX_VALUE,
          Integer.MAX_VALUE,
          true);

  public Limits {
    atLeast("maxKeys", maxKeys, 1);
    atLeast("maxBytes", maxBytes, 1);
    positive("requestsPerSecond", requestsPerSecond);
    atLeast("requestBurst", requestBurst, 1);
    positive("storesPerSecond", storesPerSecond);
    atLeast("storeBurst", storeBurst, 1);
    atLeast("contactsPerAddress", contactsPerAddress, 1);
  }

  /** With another key quota. */
  public Limits withMaxKeys(int n) {
    return new Limits(
        n,
        maxBytes,
        requestsPerSecond,
        requestBurst,
        storesPerSecond,
        storeBurst,
        contactsPerAddress,
        loopbackExempt);
  }

  /** With another byte quota. */
  public Limits withMaxBytes(long n) {
    return new Limits(
        maxKeys,
        n,
        requestsPerSecond,
        requestBurst,
        storesPerSecond,
        storeBurst,
        contactsPerAddress,
        loopbackExempt);
  }

  /** With another request rate and burst per address. */
  public Limits withRequestRate(double perSecond, int burst) {
    return new Limits(
        maxKeys,
        maxBytes,
        perSecond,
        burst,
        storesPerSecond,
        storeBurst,
        contactsPerAddress,
        loopbackExempt);
  }

  /** With another store rate and burst per address. */
  public Limits withStoreRate(double perSecond, int burst) {
    return new Limits(
        maxKeys,
        maxBytes,
        requestsPerSecond,
        requestBurst,
        perSecond,
        burst,
        contactsPerAddress,
        loopbackExempt);
  }

  /** With another bound on one address's contacts in a bucket. */
  public Limits withContactsPerAddress(int n) {
    return new Limits(
        maxKeys,
        maxBytes,
        requestsPerSecond,
        requestBurst,
        storesPerSecond,
        storeBurst,
        n,
        loopbackExempt);
  }

  /** With loopback exempt from the rates and the per-address limit, or not. */
  public Limits withLoopbackExempt(boolean exempt) {
    return new Limits(
        maxKeys,
        maxBytes,
        requestsPerSecond,
        requestBurst,
        storesPerSecond,
        storeBurst,
        contactsPerAddress,
        exempt);
  }

  /** Whether the rates and the per-address contact limit skip {@code ip}. */
  public boolean exempts(InetAddress ip) {
    return loopbackExempt && ip != null && ip.isLoopbackAddress();
  }

  private static void atLeast(String what, long n, long min) {
    if (n < min) {
      throw new IllegalArgumentException(what + " must be at least " + min + ", found " + n);
    }
  }

  private static void positive(String what, double d) {
    if (!(d > 0)) {
      throw new IllegalArgumentException(what + " must be a positive number, found " + d);
    }
  }
}
