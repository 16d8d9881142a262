package io.kadscope.engine.rpc;

/** An RPC that did not get an answer: the message says to whom and why. */
public class RpcException extends RuntimeException {
  public RpcException(String message) {
    super(message);
  }

  public RpcException(String message, Throwable cause) {
    super(message, cause);
  }
}
