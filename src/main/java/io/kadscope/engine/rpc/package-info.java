/**
 * The RPC port between the engine and a network: request and response records, the port interface,
 * and the failures an RPC can end in. Implemented by {@code io.kadscope.transport} (UDP) and {@code
 * io.kadscope.sim} (in memory).
 */
package io.kadscope.engine.rpc;
