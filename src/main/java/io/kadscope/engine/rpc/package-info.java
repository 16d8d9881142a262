/**
 * The RPC port between the engine and a network: the table of RPC kinds ({@link
 * io.kadscope.engine.rpc.RpcKind}), request and response records, the port interface, the table of
 * requests awaiting answers that every port keeps ({@link io.kadscope.engine.rpc.PendingRequests}),
 * and the failures an RPC can end in. Implemented by {@code io.kadscope.transport} (UDP) and {@code
 * io.kadscope.sim} (in memory).
 */
package io.kadscope.engine.rpc;
