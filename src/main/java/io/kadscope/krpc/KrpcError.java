package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A KRPC error ({@code y = "e"}, {@code e = [code, message]}): the transaction id of the query it
 * answers, the code (see {@link ErrorCode}) and text; and what libtorrent adds beside them: the
 * responder's id in {@code r.id}, other values of {@code r}, the requester's address {@code ip} and
 * the client version {@code v}.
 */
public record KrpcError(
    TransactionId transaction,
    int code,
    String message,
    Optional<Id160> responder,
    Optional<InetSocketAddress> requesterAddress,
    Optional<BBytes> clientVersion,
    BDict otherValues)
    implements KrpcMessage {

  /** An error; {@code otherValues} (of {@code r}) may not hold {@code id}. */
  public KrpcError {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(requesterAddress, "requesterAddress");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(otherValues, "otherValues");
    if (otherValues.containsKey("id")) {
      throw new IllegalArgumentException("otherValues holds 'id', which responder models");
    }
  }

  /** The error {@code code} with text {@code message}, and nothing else. */
  public static KrpcError of(TransactionId transaction, ErrorCode code, String message) {
    return new KrpcError(
        transaction,
        code.code(),
        message,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        BDict.EMPTY);
  }

  /** The known code, if {@link #code()} is one. */
  public Optional<ErrorCode> errorCode() {
    return ErrorCode.of(code);
  }

  /** This error sent by the node {@code id} (in {@code r.id}, as libtorrent does). */
  public KrpcError withResponder(Id160 id) {
    return new KrpcError(
        transaction, code, message, Optional.of(id), requesterAddress, clientVersion, otherValues);
  }

  /** This error telling the requester that it was seen at {@code address} (BEP 42). */
  public KrpcError withRequesterAddress(InetSocketAddress address) {
    return new KrpcError(
        transaction, code, message, responder, Optional.of(address), clientVersion, otherValues);
  }

  /** This error with client version {@code version}. */
  public KrpcError withClientVersion(BBytes version) {
    return new KrpcError(
        transaction, code, message, responder, requesterAddress, Optional.of(version), otherValues);
  }

  @Override
  public String toString() {
    return "KRPC error " + code + " '" + message + "' (t=" + transaction + ")";
  }
}
