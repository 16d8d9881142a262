package io.kadscope.engine;

import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.rpc.RpcPort;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * The options of a node being built, each with its default and its check: the setters of {@link
 * KademliaNode.Builder}, which the node reads once when it is built.
 */
abstract class NodeOptions {
  NodeId id;
  RpcPort port;
  Clock clock = Clock.systemUTC();
  Scheduler scheduler;
  int k = Defaults.K;
  int alpha = Defaults.ALPHA;
  LookupMode lookupMode = LookupMode.PIPELINED;
  Duration rpcTimeout = Defaults.RPC_TIMEOUT;
  int maxFailures = Defaults.MAX_FAILURES;
  Random random = new SecureRandom();
  NodeState restore;
  boolean refreshOnJoin = true;
  final List<EngineListener> listeners = new ArrayList<>();

  /** This builder, as the type its setters return. */
  abstract KademliaNode.Builder self();

  /** The node's id; random when not set. */
  public KademliaNode.Builder id(NodeId id) {
    this.id = id;
    return self();
  }

  /** The network. */
  public KademliaNode.Builder rpcPort(RpcPort port) {
    this.port = port;
    return self();
  }

  /** The clock; the system's UTC clock by default. */
  public KademliaNode.Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
    return self();
  }

  /** Where timers run. */
  public KademliaNode.Builder scheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
    return self();
  }

  /** Bucket size and replication factor, default {@link Defaults#K}. */
  public KademliaNode.Builder k(int k) {
    this.k = atLeastOne("k", k);
    return self();
  }

  /** Requests in flight per lookup, default {@link Defaults#ALPHA}. */
  public KademliaNode.Builder alpha(int alpha) {
    this.alpha = atLeastOne("alpha", alpha);
    return self();
  }

  /**
   * How lookups pace their requests: {@link LookupMode#PIPELINED} (the default) or α-synchronous
   * {@link LookupMode#ROUNDS}, as the Python package's.
   */
  public KademliaNode.Builder lookupMode(LookupMode mode) {
    this.lookupMode = Objects.requireNonNull(mode, "mode");
    return self();
  }

  /** How long a request waits for its answer, default {@link Defaults#RPC_TIMEOUT}. */
  public KademliaNode.Builder rpcTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the RPC timeout must be positive, found " + timeout);
    }
    this.rpcTimeout = timeout;
    return self();
  }

  /** Consecutive failures before a contact is dropped, default {@link Defaults#MAX_FAILURES}. */
  public KademliaNode.Builder maxFailures(int maxFailures) {
    this.maxFailures = atLeastOne("maxFailures", maxFailures);
    return self();
  }

  /** The source of random ids and refresh targets. */
  public KademliaNode.Builder random(Random random) {
    this.random = Objects.requireNonNull(random);
    return self();
  }

  /**
   * Whether a join ends by refreshing every bucket farther than the closest neighbour (paper 2.3;
   * on by default). Off, a node joins as the Python package's does: it knows its own neighbourhood
   * and learns the rest of the network from later traffic and hourly refreshes.
   */
  public KademliaNode.Builder refreshOnJoin(boolean refresh) {
    this.refreshOnJoin = refresh;
    return self();
  }

  /** Comes back as a saved node: its id, values, and contacts to rejoin through. */
  public KademliaNode.Builder restore(NodeState state) {
    this.restore = state;
    return self();
  }

  /** Adds a listener that sees every event from the start. */
  public KademliaNode.Builder listener(EngineListener listener) {
    this.listeners.add(Objects.requireNonNull(listener));
    return self();
  }

  private static int atLeastOne(String what, int n) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, found " + n);
    }
    return n;
  }
}
