package io.kadscope.engine.rpc;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.Scheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's one door to the network: send a request and await its response, and serve the
 * requests that arrive. Implemented over UDP by the transport and in memory by the simulator.
 *
 * <p>Rules an implementation keeps (docs/wire-format.md): requests leave from the address the node
 * listens on; a response is accepted only from the address that was asked, with a known message id,
 * once; malformed or unsolicited datagrams are dropped and counted, never answered. {@link
 * PendingRequests} keeps the rules about answers, and every implementation runs the same contract
 * test of them.
 */
public interface RpcPort extends AutoCloseable {

  /** The address this port listens on and sends from. */
  InetSocketAddress localAddress();

  /**
   * Sends {@code request} to {@code to}. The future completes with the response, or exceptionally
   * with {@link RpcTimeoutException} after {@code timeout}, or with {@link RpcException} when the
   * request cannot be sent (for instance {@link MessageTooLargeException}).
   */
  CompletableFuture<Response> send(InetSocketAddress to, Request request, Duration timeout);

  /**
   * Sends {@code request} to {@code to}, where the node {@code expected} is believed to listen. A
   * port whose protocol names the responder in every answer fails the request when another node
   * answers; by default the expectation is not checked, as rpcudp's answers name no one.
   */
  default CompletableFuture<Response> send(
      InetSocketAddress to, Optional<NodeId> expected, Request request, Duration timeout) {
    return send(to, request, timeout);
  }

  /**
   * The kinds of RPC this port's protocol speaks, sent and served: {@link RpcKind#KADEMLIA} unless
   * a port says otherwise. The node refuses to send any other kind through it.
   */
  default Set<RpcKind> speaks() {
    return RpcKind.KADEMLIA;
  }

  /**
   * Installs the handler that answers incoming requests. It runs on the port's I/O thread and must
   * not block; returning {@code null} sends no answer.
   */
  void serve(RequestHandler handler);

  /**
   * The scheduler on this port's I/O thread, where a port over a socket runs its requests'
   * timeouts. A node built on the port times each RPC's retransmissions there too (unless its
   * builder names an {@code ioScheduler}), so that a request, its timer and its answer share one
   * thread; empty by default, when the node's own scheduler times them.
   */
  default Optional<Scheduler> timers() {
    return Optional.empty();
  }

  /** Counts of what the port dropped or refused, for logs and the visualiser. */
  default RpcStats stats() {
    return RpcStats.EMPTY;
  }

  /** Stops listening; pending requests fail. */
  @Override
  void close();
}
