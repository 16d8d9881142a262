package io.kadscope.engine.rpc;

/** No response arrived within the RPC timeout (rpcudp waits 5 s and does not retry). */
public class RpcTimeoutException extends RpcException {
  public RpcTimeoutException(String message) {
    super(message);
  }
}
