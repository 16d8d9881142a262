package io.kadscope.engine.rpc;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Request}. On the wire a response is the bare return value, so which record
 * it decodes to depends on the request it answers ({@link RpcKind#replies()}). {@link #kind()} says
 * which record it is, for a {@code switch} over {@link ResponseKind}.
 */
public sealed interface Response
    permits Response.PingReply,
        Response.StoreReply,
        Response.Nodes,
        Response.FoundValue,
        Response.StunReply {

  /** Which shape of answer this is. */
  ResponseKind kind();

  /** Answer to {@code ping}: the responder's id. */
  record PingReply(NodeId responder) implements Response {
    public PingReply {
      Objects.requireNonNull(responder, "responder");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.PING_REPLY;
    }
  }

  /** Answer to {@code store}: {@code true} when stored. */
  record StoreReply(boolean stored) implements Response {
    @Override
    public ResponseKind kind() {
      return ResponseKind.STORE_REPLY;
    }
  }

  /** Answer to {@code find_node}, and to {@code find_value} when the key is not held. */
  record Nodes(List<Contact> contacts) implements Response {
    public Nodes {
      contacts = List.copyOf(contacts);
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.NODES;
    }
  }

  /** Answer to {@code find_value} when the key is held: {@code {"value": v}}. */
  record FoundValue(Value value) implements Response {
    public FoundValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.FOUND_VALUE;
    }
  }

  /** Answer to {@code stun}: the requester's address as the responder saw it. */
  record StunReply(String host, int port) implements Response {
    public StunReply {
      Objects.requireNonNull(host, "host");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.STUN_REPLY;
    }
  }
}
