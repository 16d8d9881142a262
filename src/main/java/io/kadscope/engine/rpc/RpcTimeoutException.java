package io.kadscope.engine.rpc;

/** No response arrived within the RPC timeout (shared protocol spec: 5 s, no retries). */
public class RpcTimeoutException extends RpcException {
  public RpcTimeoutException(String message) {
    super(message);
  }
}
