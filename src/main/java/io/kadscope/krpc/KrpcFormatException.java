package io.kadscope.krpc;

import java.util.Optional;

/**
 * Bytes that are not a valid KRPC message; the message says what was expected, what was found and
 * at which byte, e.g. {@code find_node query a.target: expected a byte string of 20 bytes (the
 * target id), found a byte string of 19 bytes at byte 40}.
 *
 * <p>When the bytes were a query whose transaction id could be read, {@link #queryTransaction()}
 * holds it, so that a server can answer with error 203 rather than stay silent (BEP 5).
 */
public final class KrpcFormatException extends RuntimeException {
  private final transient TransactionId queryTransaction;

  /** A failure described by {@code message}. */
  public KrpcFormatException(String message) {
    this(message, null, null);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public KrpcFormatException(String message, Throwable cause) {
    this(message, cause, null);
  }

  private KrpcFormatException(String message, Throwable cause, TransactionId queryTransaction) {
    super(message, cause);
    this.queryTransaction = queryTransaction;
  }

  /** This failure, known to be in the query with transaction id {@code t}. */
  KrpcFormatException inQuery(TransactionId t) {
    KrpcFormatException e = new KrpcFormatException(getMessage(), getCause(), t);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The transaction id of the malformed query, for an error reply; empty for other messages. */
  public Optional<TransactionId> queryTransaction() {
    return Optional.ofNullable(queryTransaction);
  }
}
