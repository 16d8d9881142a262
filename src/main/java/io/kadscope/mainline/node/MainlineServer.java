package io.kadscope.mainline.node;

import io.kadscope.engine.guard.AddressRateLimiter;
import io.kadscope.engine.guard.Limits;
import io.kadscope.engine.guard.Refusal;
import io.kadscope.engine.guard.Refusals;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.ExtensionHandler;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.Query;
import io.kadscope.mainline.Item;
import io.kadscope.mainline.ItemRules;
import io.kadscope.mainline.MutableItem;
import io.kadscope.mainline.PutDecision;
import io.kadscope.mainline.TokenIssuer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;

/**
 * A Mainline node's answers to the kinds the engine's server hands on: {@code get_peers} and {@code
 * announce_peer} (BEP 5) over a {@link PeerStore}, and BEP 44's {@code get} and {@code put} over an
 * {@link ItemStore}, with write tokens from a {@link TokenIssuer} checked on every write. Writes
 * are judged as libtorrent judges them ({@link ItemRules}), and refused with the same codes and
 * words: 203 {@code invalid token}, 205 to 302 for items. A write with a good token beyond its
 * address's store rate ({@link Limits#storesPerSecond()}) is refused 202 and counted as {@link
 * Refusal#STORE_RATE}, so that one address cannot push out what others announced and put. Runs on
 * the port's I/O thread.
 */
public final class MainlineServer implements ExtensionHandler {
  private final PeerStore peers;
  private final ItemStore items;
  private final TokenIssuer tokens;
  private final Random random;
  private final AddressRateLimiter writes;
  private final Refusals refusals;

  /**
   * A server whose writes are bounded by no rate, for tests of the protocol's rules.
   *
   * @param random picks which peers an answer lists when more are held than fit
   */
  public MainlineServer(PeerStore peers, ItemStore items, TokenIssuer tokens, Random random) {
    this(
        peers,
        items,
        tokens,
        random,
        Limits.NONE,
        Clock.systemUTC(),
        new Refusals("", Clock.systemUTC()));
  }

  /**
   * @param random picks which peers an answer lists when more are held than fit
   * @param limits the store rate and burst per address that {@code announce_peer} and {@code put}
   *     share, and which addresses are exempt
   * @param clock times the rate
   * @param refusals counts (and logs) the writes refused for their rate
   */
  public MainlineServer(
      PeerStore peers,
      ItemStore items,
      TokenIssuer tokens,
      Random random,
      Limits limits,
      Clock clock,
      Refusals refusals) {
    this.peers = peers;
    this.items = items;
    this.tokens = tokens;
    this.random = random;
    this.writes =
        new AddressRateLimiter(
            limits.storesPerSecond(), limits.storeBurst(), clock, limits::exempts);
    this.refusals = refusals;
  }

  /** Whether {@code from} may write now; counts the refusal when not. */
  private boolean mayWrite(InetSocketAddress from, String what) {
    if (writes.tryAcquire(from.getAddress())) {
      return true;
    }
    refusals.refuse(Refusal.STORE_RATE, from, what + " not stored");
    return false;
  }

  private static Response.Refused overRate() {
    return new Response.Refused(
        ErrorCode.SERVER.code(), "too many writes from this address: try again later");
  }

  @Override
  public Response answer(InetSocketAddress from, Request request, Neighbours neighbours) {
    return switch (request.kind()) {
      case GET_PEERS -> getPeers(from, (Request.GetPeers) request, neighbours);
      case ANNOUNCE_PEER -> announce(from, (Request.AnnouncePeer) request);
      case GET_ITEM -> getItem(from, (Request.GetItem) request, neighbours);
      case PUT_ITEM -> putItem(from, (Request.PutItem) request);
      case PING, STORE, FIND_NODE, FIND_VALUE, STUN -> null; // the engine's own server answers
    };
  }

  private Optional<WriteToken> token(InetSocketAddress from) {
    return Optional.of(WriteToken.of(tokens.issue(from.getAddress()).toByteArray()));
  }

  private boolean accepts(WriteToken token, InetSocketAddress from) {
    return tokens.accepts(BBytes.of(token.bytes()), from.getAddress());
  }

  private static Response.Refused invalidToken() {
    return new Response.Refused(ErrorCode.PROTOCOL.code(), "invalid token");
  }

  private Response getPeers(InetSocketAddress from, Request.GetPeers g, Neighbours neighbours) {
    List<InetSocketAddress> held = peers.peers(g.infoHash(), PeerStore.PEERS_PER_ANSWER, random);
    return new Response.Peers(held, neighbours.closest(g.infoHash()), token(from));
  }

  private Response announce(InetSocketAddress from, Request.AnnouncePeer a) {
    if (!accepts(a.token(), from)) {
      return invalidToken();
    }
    int port = a.impliedPort() ? from.getPort() : a.port();
    if (port == 0) {
      return new Response.Refused(ErrorCode.PROTOCOL.code(), "invalid port");
    }
    if (!mayWrite(from, "announce of " + a.infoHash().shortHex(8))) {
      return overRate();
    }
    peers.announce(a.infoHash(), new InetSocketAddress(from.getAddress(), port));
    return new Response.StoreReply(true);
  }

  private Response getItem(InetSocketAddress from, Request.GetItem g, Neighbours neighbours) {
    Optional<Item> held = items.get(Items.target(g.target()));
    Optional<ItemData> item = Optional.empty();
    OptionalLong seq = OptionalLong.empty();
    if (held.isPresent() && held.get() instanceof MutableItem m) {
      seq = OptionalLong.of(m.seq());
      if (ItemRules.repliesWithValue(m, g.newerThan())) {
        item = Optional.of(Items.data(m));
      }
    } else if (held.isPresent()) {
      item = Optional.of(Items.data(held.get()));
    }
    return new Response.ItemReply(item, seq, neighbours.closest(g.target()), token(from));
  }

  private Response putItem(InetSocketAddress from, Request.PutItem p) {
    if (!accepts(p.token(), from)) {
      return invalidToken();
    }
    Query.Put put;
    try {
      put = Items.put(p);
    } catch (IllegalArgumentException e) {
      return new Response.Refused(ErrorCode.PROTOCOL.code(), e.getMessage());
    }
    Id160 target =
        put.mutable().isPresent()
            ? MutableItem.targetOf(put.mutable().get().key(), put.mutable().get().salt())
            : Id160.sha1(put.value().toByteArray());
    PutDecision d = ItemRules.checkPut(put, items.mutable(target));
    if (d instanceof PutDecision.Refuse r) {
      return new Response.Refused(r.code().code(), r.message());
    }
    if (!mayWrite(from, "item " + target.toHex().substring(0, 8))) {
      return overRate();
    }
    items.put(((PutDecision.Store) d).item());
    return new Response.StoreReply(true);
  }
}
