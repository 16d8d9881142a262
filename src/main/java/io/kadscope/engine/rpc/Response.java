package io.kadscope.engine.rpc;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link Request}. On the wire a response is the bare return value, so which record
 * it decodes to depends on the request it answers.
 */
public sealed interface Response
    permits Response.PingReply,
        Response.StoreReply,
        Response.Nodes,
        Response.FoundValue,
        Response.StunReply {

  /** Answer to {@code ping}: the responder's id. */
  record PingReply(NodeId responder) implements Response {
    public PingReply {
      Objects.requireNonNull(responder, "responder");
    }
  }

  /** Answer to {@code store}: {@code true} when stored. */
  record StoreReply(boolean stored) implements Response {}

  /** Answer to {@code find_node}, and to {@code find_value} when the key is not held. */
  record Nodes(List<Contact> contacts) implements Response {
    public Nodes {
      contacts = List.copyOf(contacts);
    }
  }

  /** Answer to {@code find_value} when the key is held: {@code {"value": v}}. */
  record FoundValue(Value value) implements Response {
    public FoundValue {
      Objects.requireNonNull(value, "value");
    }
  }

  /** Answer to {@code stun}: the requester's address as the responder saw it. */
  record StunReply(String host, int port) implements Response {
    public StunReply {
      Objects.requireNonNull(host, "host");
    }
  }
}
