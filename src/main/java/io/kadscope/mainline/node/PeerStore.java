package io.kadscope.mainline.node;

import io.kadscope.engine.NodeId;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The peers announced to this node, per info-hash (BEP 5's {@code announce_peer}), each kept for
 * {@link #LIFETIME} after its last announce and bounded twice: at most {@link
 * #MAX_PEERS_PER_INFO_HASH} per info-hash (the one announced longest ago goes first) and {@link
 * #MAX_PEERS} in all (the oldest peer of the info-hash announced to longest ago goes). Thread-safe.
 */
public final class PeerStore {
  /** How long an announce holds: BEP 5's 30 minutes; announcers announce again before. */
  public static final Duration LIFETIME = Duration.ofMinutes(30);

  /** Peers kept per info-hash: more than two answers carry, fewer than one host could fake. */
  public static final int MAX_PEERS_PER_INFO_HASH = 100;

  /** Peers kept in all: 10,000 small entries, a few hundred kilobytes. */
  public static final int MAX_PEERS = 10_000;

  /**
   * Peers one {@code get_peers} answer lists, at most: 50 compact IPv4 peers take 400 bytes, which
   * leaves room in one datagram for the token and the closest nodes.
   */
  public static final int PEERS_PER_ANSWER = 50;

  private final Clock clock;
  private final int perInfoHash;
  private final int total;
  // The info-hash announced to longest ago comes first: an announce moves its info-hash last.
  private final LinkedHashMap<NodeId, LinkedHashMap<InetSocketAddress, Instant>> byHash =
      new LinkedHashMap<>();
  private int size;

  /** A store on {@code clock} with the default bounds. */
  public PeerStore(Clock clock) {
    this(clock, MAX_PEERS_PER_INFO_HASH, MAX_PEERS);
  }

  /** A store on {@code clock} keeping at most {@code perInfoHash} and {@code total} peers. */
  public PeerStore(Clock clock, int perInfoHash, int total) {
    if (perInfoHash < 1 || total < perInfoHash) {
      throw new IllegalArgumentException(
          "bounds must be 1 <= per info-hash <= total, found "
              + perInfoHash
              + " per info-hash and "
              + total
              + " in all");
    }
    this.clock = clock;
    this.perInfoHash = perInfoHash;
    this.total = total;
  }

  /** Keeps {@code peer} as a peer of {@code infoHash} from now, for {@link #LIFETIME}. */
  public synchronized void announce(NodeId infoHash, InetSocketAddress peer) {
    LinkedHashMap<InetSocketAddress, Instant> peers = byHash.remove(infoHash);
    if (peers == null) {
      peers = new LinkedHashMap<>();
    }
    if (peers.remove(peer) == null) {
      size++;
    }
    peers.put(peer, clock.instant());
    byHash.put(infoHash, peers);
    if (peers.size() > perInfoHash) {
      removeEldest(infoHash, peers);
    }
    while (size > total) {
      Map.Entry<NodeId, LinkedHashMap<InetSocketAddress, Instant>> eldest =
          byHash.entrySet().iterator().next();
      removeEldest(eldest.getKey(), eldest.getValue());
    }
  }

  private void removeEldest(NodeId infoHash, LinkedHashMap<InetSocketAddress, Instant> peers) {
    Iterator<InetSocketAddress> it = peers.keySet().iterator();
    it.next();
    it.remove();
    size--;
    if (peers.isEmpty()) {
      byHash.remove(infoHash);
    }
  }

  /**
   * Up to {@code max} peers of {@code infoHash} announced within {@link #LIFETIME}, chosen at
   * random when there are more.
   */
  public synchronized List<InetSocketAddress> peers(NodeId infoHash, int max, Random random) {
    Map<InetSocketAddress, Instant> peers = byHash.getOrDefault(infoHash, new LinkedHashMap<>());
    Instant oldest = clock.instant().minus(LIFETIME);
    List<InetSocketAddress> live = new ArrayList<>(peers.size());
    for (Map.Entry<InetSocketAddress, Instant> e : peers.entrySet()) {
      if (e.getValue().isAfter(oldest)) {
        live.add(e.getKey());
      }
    }
    if (live.size() > max) {
      Collections.shuffle(live, random);
      return List.copyOf(live.subList(0, max));
    }
    return List.copyOf(live);
  }

  /** Forgets the peers not announced within {@link #LIFETIME}; returns how many. */
  public synchronized int expire() {
    Instant oldest = clock.instant().minus(LIFETIME);
    int removed = 0;
    for (Iterator<LinkedHashMap<InetSocketAddress, Instant>> h = byHash.values().iterator();
        h.hasNext(); ) {
      LinkedHashMap<InetSocketAddress, Instant> peers = h.next();
      for (Iterator<Instant> p = peers.values().iterator(); p.hasNext(); ) {
        if (!p.next().isAfter(oldest)) {
          p.remove();
          removed++;
        }
      }
      if (peers.isEmpty()) {
        h.remove();
      }
    }
    size -= removed;
    return removed;
  }

  /** Peers held, over every info-hash. */
  public synchronized int size() {
    return size;
  }

  /** Info-hashes with at least one peer held. */
  public synchronized int infoHashes() {
    return byHash.size();
  }
}
