package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * BEP 44's rules, as pure functions: what a storing node does with a {@code put}, whether its
 * {@code get} reply carries the value, and whether an item a {@code get} reply carries is the one
 * asked for. The checks, their order and their messages are libtorrent's, so that a peer sees the
 * same errors from KadScope as from libtorrent.
 */
public final class ItemRules {
  private ItemRules() {}

  /**
   * The decision on {@code put}, given the mutable item {@code current} stored under its target, if
   * any. In order: a {@code v} over 1000 bytes is refused with 205; for a mutable item, a salt over
   * 64 bytes with 207, a bad signature with 206, a {@code cas} other than the stored sequence
   * number with 301, a sequence number below the stored one with 302. An equal sequence number
   * replaces the stored item, as in libtorrent. The token is checked before, by the caller.
   */
  public static PutDecision checkPut(Query.Put put, Optional<MutableItem> current) {
    if (put.value().length() > Item.MAX_VALUE_BYTES) {
      return new PutDecision.Refuse(ErrorCode.MESSAGE_TOO_BIG, "message too big");
    }
    if (put.mutable().isEmpty()) {
      return new PutDecision.Store(new ImmutableItem(put.value()));
    }
    Query.Put.Mutable m = put.mutable().get();
    if (m.salt().length() > Item.MAX_SALT_BYTES) {
      return new PutDecision.Refuse(ErrorCode.SALT_TOO_BIG, "salt too big");
    }
    MutableItem item = MutableItem.of(put);
    if (!item.hasValidSignature()) {
      return new PutDecision.Refuse(ErrorCode.INVALID_SIGNATURE, "invalid signature");
    }
    if (current.isPresent()) {
      long stored = current.get().seq();
      if (m.cas().isPresent() && m.cas().getAsLong() != stored) {
        return new PutDecision.Refuse(ErrorCode.CAS_MISMATCH, "CAS mismatch");
      }
      if (m.seq() < stored) {
        return new PutDecision.Refuse(ErrorCode.SEQUENCE_TOO_LOW, "old sequence number");
      }
    }
    return new PutDecision.Store(item);
  }

  /**
   * Whether a {@code get} reply includes the value of {@code stored}: not when the query's {@code
   * seq} shows the querier already has this sequence number or a later one; then the reply carries
   * {@code seq} only.
   */
  public static boolean repliesWithValue(MutableItem stored, OptionalLong requestedSeq) {
    return requestedSeq.isEmpty() || stored.seq() > requestedSeq.getAsLong();
  }

  /**
   * The item a {@code get} reply for {@code target} carries, checked: an immutable item's value
   * must hash to the target; a mutable item's key and {@code salt} (which the querier knows; the
   * reply does not repeat it) must, and its signature must verify. Empty when the reply carries no
   * value.
   *
   * @throws InvalidItemException when the reply carries an item that fails a check
   */
  public static Optional<Item> verifiedItem(Id160 target, BBytes salt, Reply.Get reply) {
    if (reply.value().isEmpty()) {
      return Optional.empty();
    }
    String what = "get reply for " + target.toHex();
    if (reply.value().get().length() > Item.MAX_VALUE_BYTES) {
      throw new InvalidItemException(
          what + ": v is " + reply.value().get().length() + " bytes, expected at most 1000");
    }
    if (reply.key().isEmpty()) {
      if (reply.signature().isPresent() || reply.seq().isPresent()) {
        throw new InvalidItemException(what + ": sig or seq without k, expected all or none");
      }
      ImmutableItem item = new ImmutableItem(reply.value().get());
      if (!item.target().equals(target)) {
        throw new InvalidItemException(
            what + ": v hashes to " + item.target().toHex() + ", not to the target");
      }
      return Optional.of(item);
    }
    if (reply.signature().isEmpty() || reply.seq().isEmpty()) {
      throw new InvalidItemException(what + ": k without sig and seq, expected all three");
    }
    if (salt.length() > Item.MAX_SALT_BYTES) {
      throw new IllegalArgumentException(
          "a salt is at most " + Item.MAX_SALT_BYTES + " bytes, found " + salt.length());
    }
    MutableItem item =
        new MutableItem(
            reply.key().get(),
            salt,
            reply.seq().getAsLong(),
            reply.value().get(),
            reply.signature().get());
    if (!item.target().equals(target)) {
      throw new InvalidItemException(
          what + ": k and salt hash to " + item.target().toHex() + ", not to the target");
    }
    if (!item.hasValidSignature()) {
      throw new InvalidItemException(
          what + ": the signature of seq " + item.seq() + " does not verify with k");
    }
    return Optional.of(item);
  }
}
