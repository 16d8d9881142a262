package io.kadscope.engine.event;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine does that a person may want to watch. Immutable records, published to
 * {@link EngineListener}s on the thread that caused them; the headless log and the visualiser draw
 * from exactly these.
 */
public sealed interface EngineEvent {

  /** When it happened, by the node's clock. */
  Instant at();

  /** The node that published it. */
  NodeId node();

  // ---- RPCs ----

  /**
   * This node sent a request.
   *
   * @param rpcId a per-node sequence number that ties the outcome to this event
   * @param rpc the RPC's name, its {@link io.kadscope.engine.rpc.RpcKind#label()}
   * @param lookupId the lookup the request belongs to, or 0
   */
  record RpcSent(
      Instant at,
      NodeId node,
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Optional<NodeId> toId,
      long lookupId)
      implements EngineEvent {}

  /** A request this node sent was answered; {@code summary} says what came back. */
  record RpcAnswered(
      Instant at,
      NodeId node,
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Duration latency,
      String summary,
      long lookupId)
      implements EngineEvent {}

  /** A request this node sent got no answer in time, or could not be sent. */
  record RpcFailed(
      Instant at,
      NodeId node,
      long rpcId,
      String rpc,
      InetSocketAddress to,
      Duration elapsed,
      String reason,
      boolean timeout,
      long lookupId)
      implements EngineEvent {}

  /** This node received a request and answered it. */
  record RpcReceived(
      Instant at, NodeId node, String rpc, InetSocketAddress from, Optional<NodeId> fromId)
      implements EngineEvent {}

  // ---- routing table ----

  /** A contact joined a bucket. */
  record ContactAdded(Instant at, NodeId node, Contact contact, int bucketIndex)
      implements EngineEvent {}

  /** A known contact was seen again and moved to the tail of its bucket. */
  record ContactMoved(Instant at, NodeId node, Contact contact, int bucketIndex)
      implements EngineEvent {}

  /** A contact that did not fit a full bucket went to its replacement cache. */
  record ContactCached(Instant at, NodeId node, Contact contact, int bucketIndex)
      implements EngineEvent {}

  /** A contact was dropped after {@code failures} consecutive unanswered RPCs. */
  record ContactEvicted(
      Instant at, NodeId node, Contact contact, int bucketIndex, int failures, String reason)
      implements EngineEvent {}

  /** A bucket split in two at {@code depth}. */
  record BucketSplit(Instant at, NodeId node, NodeId prefix, int depth) implements EngineEvent {}

  // ---- lookups ----

  /**
   * A lookup began from the {@code initial} contacts, the closest this node knew.
   *
   * @param purpose why: get, set, join, refresh, … (its {@code toString()} is that word)
   */
  record LookupStarted(
      Instant at,
      NodeId node,
      long lookupId,
      LookupKind kind,
      NodeId target,
      LookupPurpose purpose,
      List<Contact> initial)
      implements EngineEvent {}

  /**
   * One RPC of a lookup ended: the queried contact, at which hop (1 for contacts this node knew, n
   * + 1 for contacts returned by a hop-n answer) and which iteration (the round trips waited one
   * after the other to send it: 1 for the first requests, 1 + the iteration of the answer that let
   * it go otherwise), and what came back.
   *
   * @param round the hop depth of the queried contact
   * @param iteration the request's iteration: the lookup's round, as the Python package counts
   * @param returned the contacts the answer listed (none on a failure)
   * @param value the value, when a {@code find_value} found it there
   * @param failed whether the RPC timed out or failed
   * @param bestPrefix the longest prefix any answered contact so far shares with the target
   */
  record LookupStep(
      Instant at,
      NodeId node,
      long lookupId,
      int seq,
      int round,
      int iteration,
      Contact queried,
      List<Contact> returned,
      Optional<Value> value,
      boolean failed,
      Duration latency,
      int bestPrefix)
      implements EngineEvent {

    /** A step whose iteration is not known apart from its hop: taken as equal to it. */
    public LookupStep(
        Instant at,
        NodeId node,
        long lookupId,
        int seq,
        int round,
        Contact queried,
        List<Contact> returned,
        Optional<Value> value,
        boolean failed,
        Duration latency,
        int bestPrefix) {
      this(
          at,
          node,
          lookupId,
          seq,
          round,
          round,
          queried,
          returned,
          value,
          failed,
          latency,
          bestPrefix);
    }
  }

  /**
   * A lookup ended.
   *
   * @param closest the k closest contacts that answered, closest first
   * @param value the value found, for a {@code find_value} lookup that found one
   * @param rpcs requests sent
   * @param rounds the hop depth: the deepest hop of a contact that answered
   * @param iterations the round trips waited one after the other (the Python package's rounds)
   */
  record LookupFinished(
      Instant at,
      NodeId node,
      long lookupId,
      LookupKind kind,
      NodeId target,
      List<Contact> closest,
      Optional<Value> value,
      int rpcs,
      int rounds,
      int iterations,
      Duration elapsed)
      implements EngineEvent {

    /** A lookup's end whose iterations are not known apart from its hop depth: equal to it. */
    public LookupFinished(
        Instant at,
        NodeId node,
        long lookupId,
        LookupKind kind,
        NodeId target,
        List<Contact> closest,
        Optional<Value> value,
        int rpcs,
        int rounds,
        Duration elapsed) {
      this(at, node, lookupId, kind, target, closest, value, rpcs, rounds, rounds, elapsed);
    }
  }

  // ---- storage ----

  /**
   * This node now holds {@code value} under {@code key}.
   *
   * @param from who sent it, or empty when this node stored it itself
   */
  record ValueStored(Instant at, NodeId node, NodeId key, Value value, Optional<Contact> from)
      implements EngineEvent {}

  /**
   * A peer stored here the value this node already held under {@code key}: only its time was
   * renewed (a republish, or a newcomer handing back what it was just given).
   *
   * @param from who sent it
   */
  record ValueRefreshed(Instant at, NodeId node, NodeId key, Optional<Contact> from)
      implements EngineEvent {}

  /**
   * A value held for others was dropped to make room, within the store's quota, for a value whose
   * key is nearer this node.
   *
   * @param forKey the key whose value took its place
   */
  record ValueDropped(Instant at, NodeId node, NodeId key, NodeId forKey) implements EngineEvent {}

  /** A value was not republished in time and was dropped. */
  record ValueExpired(Instant at, NodeId node, NodeId key) implements EngineEvent {}

  /**
   * This node's {@code set} ended: which of the k closest nodes acknowledged the store.
   *
   * @param storedOn the remote nodes that acknowledged it
   * @param notAcknowledged the remote nodes among the k closest that refused it or did not answer
   * @param storedLocally whether this node holds it too
   */
  record ValuePublished(
      Instant at,
      NodeId node,
      NodeId key,
      List<Contact> storedOn,
      List<Contact> notAcknowledged,
      boolean storedLocally)
      implements EngineEvent {}

  /** This node republished a value to the k closest nodes of its key. */
  record ValueRepublished(Instant at, NodeId node, NodeId key, int stores) implements EngineEvent {}

  // ---- life cycle ----

  /** The node started listening. */
  record NodeStarted(Instant at, NodeId node, InetSocketAddress address) implements EngineEvent {}

  /** The node stopped. */
  record NodeStopped(Instant at, NodeId node) implements EngineEvent {}
}
