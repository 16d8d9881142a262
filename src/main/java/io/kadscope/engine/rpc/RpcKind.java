package io.kadscope.engine.rpc;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The RPCs of the rpcudp protocol, one table: each kind's name as events and logs show it, and the
 * kinds of response that answer it. Code that must treat every RPC dispatches with a {@code switch}
 * expression over this enum, so that a kind added here is a compile error wherever it is not yet
 * handled.
 *
 * <pre>{@code
 * RpcKind.FIND_VALUE.label();                               // "find_value"
 * RpcKind.FIND_VALUE.isAnsweredBy(new Response.Nodes(list)); // true: the key is not held there
 * }</pre>
 */
public enum RpcKind {
  /** {@code ping [sender_id]}, answered by the responder's id. */
  PING("ping", ResponseKind.PING_REPLY),
  /** {@code store [sender_id, key, value]}, answered by {@code true}. */
  STORE("store", ResponseKind.STORE_REPLY),
  /** {@code find_node [sender_id, target_id]}, answered by up to k contacts. */
  FIND_NODE("find_node", ResponseKind.NODES),
  /** {@code find_value [sender_id, key]}, answered by the value or, when not held, contacts. */
  FIND_VALUE("find_value", ResponseKind.FOUND_VALUE, ResponseKind.NODES),
  /** {@code stun []}, answered by the requester's address as the responder saw it. */
  STUN("stun", ResponseKind.STUN_REPLY);

  private final String label;
  private final Set<ResponseKind> replies;

  RpcKind(String label, ResponseKind reply, ResponseKind... others) {
    this.label = label;
    this.replies = Collections.unmodifiableSet(EnumSet.of(reply, others));
  }

  /** The name events and logs show: {@code ping}, {@code find_node}, … */
  public String label() {
    return label;
  }

  /** The kinds of response that may answer this RPC (its reply shape). */
  public Set<ResponseKind> replies() {
    return replies;
  }

  /** Whether {@code response} is of a kind that answers this RPC. */
  public boolean isAnsweredBy(Response response) {
    return replies.contains(response.kind());
  }

  @Override
  public String toString() {
    return label;
  }
}
