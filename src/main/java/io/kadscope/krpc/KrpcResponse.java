package io.kadscope.krpc;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A KRPC response ({@code y = "r"}), typed: the transaction id, the responder's node id ({@code
 * r.id}), the typed values, the requester's address as the responder saw it (BEP 42's {@code ip},
 * from which a node learns its external address), the client version {@code v}, and every value
 * this codec does not model ({@code otherValues}, e.g. libtorrent's {@code p}).
 */
public record KrpcResponse(
    TransactionId transaction,
    Id160 responder,
    Reply reply,
    Optional<InetSocketAddress> requesterAddress,
    Optional<BBytes> clientVersion,
    BDict otherValues) {

  /** A response; {@code otherValues} may not hold a key that {@code reply}'s kind models. */
  public KrpcResponse {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(responder, "responder");
    Objects.requireNonNull(reply, "reply");
    Objects.requireNonNull(requesterAddress, "requesterAddress");
    Objects.requireNonNull(clientVersion, "clientVersion");
    Objects.requireNonNull(otherValues, "otherValues");
    for (BBytes key : otherValues.keys()) {
      if (reply.answers().replyKeys().contains(key)) {
        throw new IllegalArgumentException(
            "otherValues holds " + key + ", which a " + reply.answers() + " reply models itself");
      }
    }
  }

  /** A response with no {@code ip}, no client version and no other values. */
  public static KrpcResponse of(TransactionId transaction, Id160 responder, Reply reply) {
    return new KrpcResponse(
        transaction, responder, reply, Optional.empty(), Optional.empty(), BDict.EMPTY);
  }

  /** This response telling the requester that it was seen at {@code address} (BEP 42). */
  public KrpcResponse withRequesterAddress(InetSocketAddress address) {
    return new KrpcResponse(
        transaction, responder, reply, Optional.of(address), clientVersion, otherValues);
  }

  /** This response with client version {@code version}. */
  public KrpcResponse withClientVersion(BBytes version) {
    return new KrpcResponse(
        transaction, responder, reply, requesterAddress, Optional.of(version), otherValues);
  }
}
