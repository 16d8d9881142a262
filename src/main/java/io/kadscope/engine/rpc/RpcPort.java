package io.kadscope.engine.rpc;

import java.net.InetSocketAddress;
import java.time.Duration;
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
   * Installs the handler that answers incoming requests. It runs on the port's I/O thread and must
   * not block; returning {@code null} sends no answer.
   */
  void serve(RequestHandler handler);

  /** Counts of what the port dropped or refused, for logs and the visualiser. */
  default RpcStats stats() {
    return RpcStats.EMPTY;
  }

  /** Stops listening; pending requests fail. */
  @Override
  void close();
}
