package io.kadscope.engine;

import io.kadscope.engine.event.EngineListener;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.lookup.LookupMode;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.rpc.ExtensionHandler;
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
  Scheduler ioScheduler;
  int k = Defaults.K;
  int alpha = Defaults.ALPHA;
  LookupMode lookupMode = LookupMode.PIPELINED;
  Duration rpcTimeout = Defaults.RPC_TIMEOUT;
  int maxFailures = Defaults.MAX_FAILURES;
  Random random = new SecureRandom();
  NodeState restore;
  boolean refreshOnJoin = true;
  ExtensionHandler extension = ExtensionHandler.NONE;
  Limits limits = Limits.DEFAULT;
  StopPolicy getStop = StopPolicy.AT_FIRST_VALUE_SETTLED;
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

  /**
   * Where the timers of single RPCs run, and the hand-offs made while a request is served: each
   * request's retransmission timer and the ping that verifies a new requester. By default the
   * port's I/O thread where the port offers one ({@link RpcPort#timers()}), so that these timers
   * share one thread with the answers they wait for and neither side wakes another thread for each
   * RPC; else the node's {@link #scheduler}.
   */
  public KademliaNode.Builder ioScheduler(Scheduler scheduler) {
    this.ioScheduler = Objects.requireNonNull(scheduler, "scheduler");
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

  /**
   * Answers the kinds of request beyond the Kademlia paper's (see {@link
   * io.kadscope.engine.rpc.RpcKind}), for a protocol that speaks them; none by default.
   */
  public KademliaNode.Builder extension(ExtensionHandler extension) {
    this.extension = Objects.requireNonNull(extension);
    return self();
  }

  /**
   * The bounds on what other peers may make this node hold and do: storage quotas, request and
   * store rates per address, contacts per address in a bucket; {@link Limits#DEFAULT} by default.
   */
  public KademliaNode.Builder limits(Limits limits) {
    this.limits = Objects.requireNonNull(limits);
    return self();
  }

  /** The most values held for others, default 65,536 ({@link Limits#DEFAULT}). */
  public KademliaNode.Builder maxKeys(int maxKeys) {
    this.limits = limits.withMaxKeys(maxKeys);
    return self();
  }

  /** The most bytes of values held for others, default 32 MiB ({@link Limits#DEFAULT}). */
  public KademliaNode.Builder maxStoreBytes(long maxBytes) {
    this.limits = limits.withMaxBytes(maxBytes);
    return self();
  }

  /** The most contacts of one address in a bucket, default 2 ({@link Limits#DEFAULT}). */
  public KademliaNode.Builder contactsPerAddress(int n) {
    this.limits = limits.withContactsPerAddress(n);
    return self();
  }

  /**
   * When the value lookup of a {@code get} ends. By default at the first value, once the requests
   * then in flight have ended ({@link StopPolicy#AT_FIRST_VALUE_SETTLED}): as fast as the Python
   * package's get, and where the holders heard disagree, the value most of them hold wins ({@link
   * io.kadscope.engine.lookup.ValueChoice}) and the result shows the conflict. {@link
   * StopPolicy#AFTER_K_CLOSEST} hears the k closest out, to see every conflict, in several round
   * trips more; {@link StopPolicy#AT_FIRST_VALUE} takes the first answer alone.
   */
  public KademliaNode.Builder getStop(StopPolicy stop) {
    this.getStop = Objects.requireNonNull(stop);
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
