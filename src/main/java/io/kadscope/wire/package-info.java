/**
 * The rpcudp wire format (docs/wire-format.md): turns datagram bytes into the engine's {@link
 * io.kadscope.engine.rpc.Request} and {@link io.kadscope.engine.rpc.Response} records and back.
 * Knows nothing of sockets; {@link io.kadscope.wire.WireCodec} is the entry point.
 */
package io.kadscope.wire;
