package io.kadscope.engine.rpc;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.WriteToken;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer to a {@link Request}. On rpcudp's wire a response is the bare return value, so which
 * record it decodes to depends on the request it answers ({@link RpcKind#replies()}). {@link
 * #kind()} says which record it is, for a {@code switch} over {@link ResponseKind}.
 */
public sealed interface Response
    permits Response.PingReply,
        Response.StoreReply,
        Response.Nodes,
        Response.FoundValue,
        Response.StunReply,
        Response.Peers,
        Response.ItemReply,
        Response.Refused {

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

  /**
   * Answer to {@code get_peers}: the peers known for the info-hash (none when it knows none), the
   * contacts closest to it, and the token a later {@code announce_peer} to this responder carries.
   */
  record Peers(List<InetSocketAddress> peers, List<Contact> contacts, Optional<WriteToken> token)
      implements Response {
    public Peers {
      peers = List.copyOf(peers);
      contacts = List.copyOf(contacts);
      Objects.requireNonNull(token, "token");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.PEERS;
    }
  }

  /**
   * Answer to {@code get_item}: the item, when held and not withheld; {@code seq}, the stored
   * sequence number, when a signed item is withheld because the asker has that one or a later one;
   * the contacts closest to the target; and the token a later {@code put_item} carries.
   */
  record ItemReply(
      Optional<ItemData> item, OptionalLong seq, List<Contact> contacts, Optional<WriteToken> token)
      implements Response {
    public ItemReply {
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(seq, "seq");
      contacts = List.copyOf(contacts);
      Objects.requireNonNull(token, "token");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.ITEM;
    }
  }

  /**
   * The responder refuses the request: {@code code} and {@code message} are its protocol's error
   * (for the BitTorrent DHT, 203 "invalid token" and the like). A port sends it as its protocol's
   * error message; on the asking side the request fails with {@link RpcRefusedException}.
   */
  record Refused(int code, String message) implements Response {
    public Refused {
      Objects.requireNonNull(message, "message");
    }

    @Override
    public ResponseKind kind() {
      return ResponseKind.REFUSED;
    }
  }
}
