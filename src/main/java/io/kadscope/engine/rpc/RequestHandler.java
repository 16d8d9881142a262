package io.kadscope.engine.rpc;

import java.net.InetSocketAddress;

/** Answers one incoming request; runs on the port's I/O thread and never blocks. */
@FunctionalInterface
public interface RequestHandler {
  /**
   * @param from the address the datagram came from (the sender's listening address)
   * @return the response to send back, or {@code null} to send none
   */
  Response handle(InetSocketAddress from, Request request);

  /**
   * Answers a request whose sender asked not to be kept as a contact: a read-only node, which sends
   * requests but does not answer any (the BitTorrent DHT marks such queries). By default it is
   * answered as any other.
   */
  default Response handleReadOnly(InetSocketAddress from, Request request) {
    return handle(from, request);
  }
}
