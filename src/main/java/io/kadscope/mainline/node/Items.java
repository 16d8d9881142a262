package io.kadscope.mainline.node;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.BValue;
import io.kadscope.krpc.BencodeException;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.mainline.ImmutableItem;
import io.kadscope.mainline.InvalidItemException;
import io.kadscope.mainline.Item;
import io.kadscope.mainline.ItemRules;
import io.kadscope.mainline.MutableItem;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * BEP 44 items as the engine carries them ({@link ItemData}: bytes) and as this package checks them
 * ({@link Item}: bencoded values, keys and signatures), and an item's value as a person reads it.
 */
final class Items {
  private Items() {}

  static Id160 target(NodeId id) {
    return Id160.of(id.toBytes());
  }

  static NodeId id(Id160 target) {
    return NodeId.of(target.toByteArray());
  }

  /** What the engine carries of {@code item}; a mutable item's salt goes with it. */
  static ItemData data(Item item) {
    if (item instanceof MutableItem m) {
      return new ItemData(
          m.value().toByteArray(),
          Optional.of(
              new ItemData.Signed(
                  m.publicKey().toByteArray(),
                  m.salt().toByteArray(),
                  m.seq(),
                  m.signature().toByteArray())));
    }
    return ItemData.immutable(item.value().toByteArray());
  }

  /**
   * The BEP 44 put that {@code p} carries.
   *
   * @throws IllegalArgumentException when its value is not one bencoded value, or its key or
   *     signature has the wrong length, with a message for a 203 error
   */
  static Query.Put put(Request.PutItem p) {
    Bencoded v;
    try {
      v = Bencoded.of(p.item().value());
    } catch (BencodeException e) {
      throw new IllegalArgumentException("invalid value for 'v'");
    }
    BBytes token = BBytes.of(p.token().bytes());
    if (p.item().signed().isEmpty()) {
      return Query.Put.immutable(token, v);
    }
    ItemData.Signed s = p.item().signed().get();
    return new Query.Put(
        token,
        v,
        Optional.of(
            new Query.Put.Mutable(
                BBytes.of(s.publicKey()),
                BBytes.of(s.signature()),
                s.seq(),
                BBytes.of(s.salt()),
                p.cas())));
  }

  /**
   * The item an answer to {@code get_item} of {@code target} carries, checked as BEP 44 asks: an
   * immutable value must hash to the target, a mutable one's key and {@code salt} must, and its
   * signature must verify. Empty when the answer carries no item.
   *
   * @throws InvalidItemException when it fails a check
   */
  static Optional<Item> verified(NodeId target, BBytes salt, Response.ItemReply r) {
    if (r.item().isEmpty()) {
      return Optional.empty();
    }
    ItemData d = r.item().get();
    Bencoded v;
    try {
      v = Bencoded.of(d.value());
    } catch (BencodeException e) {
      throw new InvalidItemException(
          "get reply for " + target.toHex() + ": v is not one bencoded value");
    }
    Optional<ItemData.Signed> s = d.signed();
    Reply.Get reply =
        new Reply.Get(
            Optional.empty(),
            List.of(),
            List.of(),
            Optional.of(v),
            s.map(x -> BBytes.of(x.publicKey())),
            s.map(x -> BBytes.of(x.signature())),
            s.isPresent() ? OptionalLong.of(s.get().seq()) : OptionalLong.empty());
    return ItemRules.verifiedItem(target(target), salt, reply);
  }

  /**
   * An item's value as text: a byte string's UTF-8 text; any other value as its bencoding ({@code
   * li1ei2ee}) when that is printable ASCII, else as {@code 0x} and hex digits.
   */
  static String text(Item item) {
    BValue v = item.value().value();
    if (v instanceof BBytes b) {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(b.toByteArray()))
            .toString();
      } catch (CharacterCodingException e) {
        // not text: shown as its bencoding below
      }
    }
    byte[] b = item.value().toByteArray();
    for (byte x : b) {
      if (x < 0x20 || x > 0x7e) {
        return "0x" + HexFormat.of().formatHex(b);
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** The immutable item holding the text {@code text} as a byte string, as libtorrent puts it. */
  static ImmutableItem ofText(String text) {
    return new ImmutableItem(Bencoded.of(BBytes.utf8(text)));
  }
}
