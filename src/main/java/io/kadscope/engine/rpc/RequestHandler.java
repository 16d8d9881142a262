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
}
