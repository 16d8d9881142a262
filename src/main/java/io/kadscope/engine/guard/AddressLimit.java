package io.kadscope.engine.guard;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * How many contacts of one address group ({@link AddressGroup}) a k-bucket may hold, its
 * replacement cache included: a bound that keeps one host from filling a bucket with ids it made
 * up, so that an honest contact still has a place (an eclipse needs many hosts, not one).
 *
 * @param perBucket the most contacts of one group in a bucket
 * @param exemption the addresses no bound applies to (loopback by default)
 */
public record AddressLimit(int perBucket, AddressRateLimiter.Exemption exemption) {
  /** No bound. */
  public static final AddressLimit NONE = new AddressLimit(Integer.MAX_VALUE, ip -> true);

  public AddressLimit {
    if (perBucket < 1) {
      throw new IllegalArgumentException(
          "a bucket must admit at least 1 contact per address, found " + perBucket);
    }
  }

  /** The bound of {@code limits}. */
  public static AddressLimit of(Limits limits) {
    return new AddressLimit(limits.contactsPerAddress(), limits::exempts);
  }

  /**
   * Whether a bucket that holds {@code held} (contacts and replacements) may take {@code
   * candidate}.
   */
  public boolean admits(Contact candidate, Iterable<Contact> held) {
    if (perBucket == Integer.MAX_VALUE) {
      return true;
    }
    InetAddress ip = candidate.address().getAddress();
    if (ip == null || exemption.exempts(ip)) {
      return true;
    }
    int same = 0;
    for (Contact c : held) {
      if (sameGroup(c.id(), c.address(), candidate.id(), ip)) {
        same++;
      }
    }
    return same < perBucket;
  }

  /**
   * Whether {@code candidate}, at {@code ip}, is exempt from the bound (no bound, or an exempt
   * address): no contact need be counted.
   */
  public boolean exempts(InetAddress ip) {
    return perBucket == Integer.MAX_VALUE || ip == null || exemption.exempts(ip);
  }

  /**
   * Whether a contact held ({@code id} at {@code address}) counts against a candidate ({@code
   * candidate} at {@code ip}): another id in the candidate's address group.
   */
  public static boolean sameGroup(
      NodeId id, InetSocketAddress address, NodeId candidate, InetAddress ip) {
    InetAddress other = address.getAddress();
    return other != null && !id.equals(candidate) && AddressGroup.same(other, ip);
  }

  /** Whether this bounds anything. */
  public boolean isUnbounded() {
    return perBucket == Integer.MAX_VALUE;
  }
}
