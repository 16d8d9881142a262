/**
 * The engine's RPC port over real UDP with Netty: one socket per node, random message ids, pending
 * requests with timeouts, and drops (counted, never answered) of whatever is malformed or
 * unsolicited. {@link io.kadscope.transport.UdpNodeFactory} makes nodes that share one event loop
 * and one scheduler; {@link io.kadscope.transport.UdpRpcPort#open} makes a standalone port for
 * tools.
 */
package io.kadscope.transport;
