package io.kadscope.engine;

import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.store.ValueStore;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a node's set and get: checks that the port speaks the RPC each needs, stores through {@link
 * Replication}, and looks a value up here first, then in the network, caching it on the path.
 */
final class ValueOperations {
  private final RpcPort port;
  private final ValueStore store;
  private final Lookups lookups;
  private final Replication replication;
  private final StopPolicy getStop;

  /**
   * @param getStop how a value lookup ends unless told otherwise
   */
  ValueOperations(
      RpcPort port,
      ValueStore store,
      Lookups lookups,
      Replication replication,
      StopPolicy getStop) {
    this.port = port;
    this.store = store;
    this.lookups = lookups;
    this.replication = replication;
    this.getStop = getStop;
  }

  /** Stores {@code value} on the k nodes closest to {@code key} ({@link KademliaNode#set}). */
  CompletableFuture<SetResult> set(NodeId key, Value value) {
    if (!port.speaks().contains(RpcKind.STORE)) {
      return unspoken("set", RpcKind.STORE);
    }
    return replication.publish(key, value);
  }

  /** Local storage first, then a value lookup ({@link KademliaNode#lookupValue(NodeId)}). */
  CompletableFuture<GetResult> lookupValue(NodeId key) {
    Optional<Value> local = store.get(key);
    if (local.isPresent()) {
      return CompletableFuture.completedFuture(GetResult.local(key, local.get()));
    }
    return lookupValueInNetwork(key, getStop);
  }

  /** A value lookup ending as {@code stop} says, its value cached at the closest that lacked it. */
  CompletableFuture<GetResult> lookupValueInNetwork(NodeId key, StopPolicy stop) {
    if (!port.speaks().contains(RpcKind.FIND_VALUE)) {
      return unspoken("get", RpcKind.FIND_VALUE);
    }
    return lookups
        .run(LookupKind.VALUE, key, LookupPurpose.GET, stop)
        .thenApply(
            r -> {
              replication.cacheOnPath(key, r);
              return GetResult.of(key, r);
            });
  }

  /** Why {@code operation} cannot run: the port's protocol does not have the RPC it needs. */
  private <T> CompletableFuture<T> unspoken(String operation, RpcKind needed) {
    return CompletableFuture.failedFuture(
        new RpcException(
            operation
                + " needs "
                + needed.label()
                + ", which this node's protocol does not have (it speaks "
                + port.speaks()
                + ")"));
  }
}
