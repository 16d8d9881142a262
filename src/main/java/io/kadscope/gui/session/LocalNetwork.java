package io.kadscope.gui.session;

import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeFactory;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.SetResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Peers on 127.0.0.1 running in this process, made by the launch's {@link NodeFactory}: the small
 * network the window opens onto, which the user can grow (add 10) and damage (kill one) to watch
 * the routing table react. Thread-safe.
 */
public final class LocalNetwork {
  private static final Logger log = LoggerFactory.getLogger(LocalNetwork.class);
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private final NodeFactory factory;
  private final Consumer<KademliaNode.Builder> customizer;
  private final List<KademliaNode> peers = new ArrayList<>();
  private final Random random = new Random();

  /**
   * @param customizer applied to every peer's builder (the local network's k, for instance)
   */
  public LocalNetwork(NodeFactory factory, Consumer<KademliaNode.Builder> customizer) {
    this.factory = factory;
    this.customizer = customizer;
  }

  /**
   * Starts {@code count} peers, one after the other, each joining through {@code seed} or, when it
   * is empty, through the first running peer. Completes with the number running.
   */
  public CompletableFuture<Integer> add(int count, Optional<InetSocketAddress> seed) {
    CompletableFuture<Integer> chain = CompletableFuture.completedFuture(0);
    for (int i = 0; i < count; i++) {
      chain = chain.thenCompose(n -> startOne(seed));
    }
    return chain.thenApply(n -> running());
  }

  private CompletableFuture<Integer> startOne(Optional<InetSocketAddress> seed) {
    KademliaNode peer = factory.create(new InetSocketAddress(LOOPBACK, 0), customizer);
    peer.start();
    Optional<InetSocketAddress> via = seed.or(() -> firstPeer().map(KademliaNode::address));
    synchronized (this) {
      peers.add(peer);
    }
    if (via.isEmpty()) {
      return CompletableFuture.completedFuture(1);
    }
    return peer.bootstrap(List.of(via.get()))
        .exceptionally(
            e -> {
              log.warn(
                  "local peer {} could not join via {}: {}", peer.address(), via, e.toString());
              return 0;
            });
  }

  private synchronized Optional<KademliaNode> firstPeer() {
    return peers.isEmpty() ? Optional.empty() : Optional.of(peers.get(0));
  }

  /** Stops one running peer, chosen at random; the peer it was, or empty when none runs. */
  public Optional<Contact> killRandom() {
    KademliaNode victim;
    synchronized (this) {
      if (peers.isEmpty()) {
        return Optional.empty();
      }
      victim = peers.remove(random.nextInt(peers.size()));
    }
    Contact was = victim.contact();
    victim.stop();
    return Optional.of(was);
  }

  /** Stops every peer. */
  public void stopAll() {
    List<KademliaNode> all;
    synchronized (this) {
      all = new ArrayList<>(peers);
      peers.clear();
    }
    all.forEach(KademliaNode::stop);
  }

  /** How many peers run. */
  public synchronized int running() {
    return peers.size();
  }

  /** The running peers, for the session that seeds them. */
  synchronized List<KademliaNode> peers() {
    return List.copyOf(peers);
  }

  /** The ids of the running peers. */
  public synchronized List<NodeId> ids() {
    return peers.stream().map(KademliaNode::id).toList();
  }

  /** The address of a running peer, if any (to join the local network through). */
  public Optional<InetSocketAddress> anyAddress() {
    return firstPeer().map(KademliaNode::address);
  }

  /**
   * Stores each seed, one after the other, each from a peer that is not among the {@code k} closest
   * to its key (so that the publisher's own table does not shortcut the store). Completes with the
   * results in order.
   */
  CompletableFuture<List<SetResult>> seed(List<SeedValues.Seed> seeds, int k) {
    List<KademliaNode> from;
    synchronized (this) {
      from = new ArrayList<>(peers);
    }
    List<SetResult> results = new ArrayList<>();
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (SeedValues.Seed s : seeds) {
      if (from.isEmpty()) {
        break;
      }
      NodeId key = NodeId.ofKey(s.key());
      List<KademliaNode> byDistance =
          from.stream().sorted((a, b) -> key.compareDistance(a.id(), b.id())).toList();
      KademliaNode peer = byDistance.get(Math.min(k, byDistance.size() - 1));
      chain = chain.thenCompose(v -> peer.set(s.key(), s.value()).thenAccept(results::add));
    }
    return chain.thenApply(v -> List.copyOf(results));
  }
}
