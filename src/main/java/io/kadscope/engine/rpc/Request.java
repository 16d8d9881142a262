package io.kadscope.engine.rpc;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.lookup.WriteToken;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A request of one of the {@link RpcKind}s: the Kademlia protocol's, as the rpcudp wire carries
 * them (docs/wire-format.md), and the BitTorrent DHT's additions (docs/mainline.md). Records only:
 * a port's codec turns them into bytes. {@link #kind()} says which record it is, for a {@code
 * switch} over {@link RpcKind}.
 */
public sealed interface Request
    permits Request.Ping,
        Request.Store,
        Request.FindNode,
        Request.FindValue,
        Request.Stun,
        Request.GetPeers,
        Request.AnnouncePeer,
        Request.GetItem,
        Request.PutItem {

  /** Which RPC this is. */
  RpcKind kind();

  /** The sender's id, carried as the first argument of every rpc but {@code stun}. */
  NodeId sender();

  /** {@code ping [sender_id]} → the responder's id. */
  record Ping(NodeId sender) implements Request {
    public Ping {
      Objects.requireNonNull(sender, "sender");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.PING;
    }
  }

  /** {@code store [sender_id, key, value]} → {@code true}. */
  record Store(NodeId sender, NodeId key, Value value) implements Request {
    public Store {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.STORE;
    }
  }

  /** {@code find_node [sender_id, target_id]} → up to k contacts, closest first. */
  record FindNode(NodeId sender, NodeId target) implements Request {
    public FindNode {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.FIND_NODE;
    }
  }

  /** {@code find_value [sender_id, key]} → {@code {"value": v}} or contacts. */
  record FindValue(NodeId sender, NodeId key) implements Request {
    public FindValue {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(key, "key");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.FIND_VALUE;
    }
  }

  /** {@code stun []} → the address the request came from. Carries no sender id. */
  record Stun() implements Request {
    @Override
    public RpcKind kind() {
      return RpcKind.STUN;
    }

    @Override
    public NodeId sender() {
      return null;
    }
  }

  /** The peers of {@code infoHash}, or the contacts closest to it, and a write token. */
  record GetPeers(NodeId sender, NodeId infoHash) implements Request {
    public GetPeers {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(infoHash, "infoHash");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.GET_PEERS;
    }
  }

  /**
   * The sender is a peer of {@code infoHash} listening on {@code port}, or, with {@code
   * impliedPort}, on the port this request came from; {@code token} is the one the responder's
   * answer to {@link GetPeers} gave.
   */
  record AnnouncePeer(
      NodeId sender, NodeId infoHash, int port, boolean impliedPort, WriteToken token)
      implements Request {
    public AnnouncePeer {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(infoHash, "infoHash");
      Objects.requireNonNull(token, "token");
      if (port < 0 || port > 0xffff) {
        throw new IllegalArgumentException("a port is 0..65535, found " + port);
      }
    }

    @Override
    public RpcKind kind() {
      return RpcKind.ANNOUNCE_PEER;
    }
  }

  /**
   * The item stored under {@code target}, or the contacts closest to it, and a write token; with
   * {@code newerThan}, a signed item's value only if its sequence number is greater.
   */
  record GetItem(NodeId sender, NodeId target, OptionalLong newerThan) implements Request {
    public GetItem {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(newerThan, "newerThan");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.GET_ITEM;
    }
  }

  /**
   * Stores {@code item} under its target, with the {@code token} the responder's answer to {@link
   * GetItem} gave; with {@code cas}, a signed item only if the stored one has that sequence number.
   */
  record PutItem(NodeId sender, WriteToken token, ItemData item, OptionalLong cas)
      implements Request {
    public PutItem {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(item, "item");
      Objects.requireNonNull(cas, "cas");
    }

    @Override
    public RpcKind kind() {
      return RpcKind.PUT_ITEM;
    }
  }
}
