package io.kadscope.engine.rpc;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import java.util.Objects;

/**
 * A request of the Kademlia protocol, as the rpcudp wire carries it (docs/wire-format.md). Records
 * only: the wire codec turns them into bytes. {@link #kind()} says which record it is, for a {@code
 * switch} over {@link RpcKind}.
 */
public sealed interface Request
    permits Request.Ping, Request.Store, Request.FindNode, Request.FindValue, Request.Stun {

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
}
