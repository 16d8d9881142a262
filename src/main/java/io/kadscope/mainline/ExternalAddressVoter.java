package io.kadscope.mainline;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides this node's external IP address from what its peers report seeing (BEP 42's {@code ip} in
 * their answers): one vote per reporting IP address, its latest, over the last {@link #WINDOW}
 * reporters; an address wins once it has at least {@link #MIN_VOTES} votes and more than half of
 * them. One peer, however often it answers, cannot decide alone, and nor can a few liars.
 *
 * <pre>{@code
 * Optional<InetAddress> external = voter.vote(reporter.getAddress(), reported.getAddress());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ExternalAddressVoter {
  /** Reporters whose votes count: the most recent ones. */
  public static final int WINDOW = 32;

  /** Votes an address needs before it wins, besides a majority. */
  public static final int MIN_VOTES = 5;

  // Insertion-ordered: a reporter who votes again moves last; the eldest leaves first.
  private final LinkedHashMap<InetAddress, InetAddress> votes = new LinkedHashMap<>();

  /**
   * Records that {@code reporter} saw this node at {@code reported}; returns the address that wins
   * after this vote, if one does.
   */
  public synchronized Optional<InetAddress> vote(InetAddress reporter, InetAddress reported) {
    votes.remove(reporter);
    votes.put(reporter, reported);
    if (votes.size() > WINDOW) {
      Iterator<InetAddress> eldest = votes.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
    return majority();
  }

  /** The address that wins now, if one does. */
  public synchronized Optional<InetAddress> majority() {
    Map<InetAddress, Integer> counts = new HashMap<>();
    InetAddress best = null;
    int most = 0;
    for (InetAddress a : votes.values()) {
      int n = counts.merge(a, 1, Integer::sum);
      if (n > most) {
        most = n;
        best = a;
      }
    }
    return most >= MIN_VOTES && 2 * most > votes.size() ? Optional.of(best) : Optional.empty();
  }

  /** The reporters whose votes count now. */
  public synchronized int voters() {
    return votes.size();
  }
}
