package io.kadscope.transport;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.ItemData;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.BencodeException;
import io.kadscope.krpc.Bencoded;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.NodeInfo;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.krpc.TransactionId;
import io.kadscope.krpc.Want;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The engine's RPC records as KRPC messages and back (docs/mainline.md): {@code ping}, {@code
 * find_node}, {@code get_peers}, {@code announce_peer}, and BEP 44's {@code get} and {@code put}
 * for items. The engine's {@code stun} travels as a {@code ping}, whose answer's BEP 42 {@code ip}
 * is the address asked for; {@code store} and {@code find_value} have no KRPC form. Stateless.
 */
final class KrpcRecords {
  /** The kinds KRPC carries. */
  static final Set<RpcKind> SPOKEN =
      Collections.unmodifiableSet(
          EnumSet.of(
              RpcKind.PING,
              RpcKind.FIND_NODE,
              RpcKind.GET_PEERS,
              RpcKind.ANNOUNCE_PEER,
              RpcKind.GET_ITEM,
              RpcKind.PUT_ITEM,
              RpcKind.STUN));

  private KrpcRecords() {}

  static Id160 id(NodeId id) {
    return Id160.of(id.toBytes());
  }

  static NodeId id(Id160 id) {
    return NodeId.of(id.toByteArray());
  }

  // ------------------------------------------------------------------ queries

  /**
   * The query that carries {@code request}, sent by {@code self} (a stun names no sender).
   *
   * @throws IllegalArgumentException for a kind KRPC does not have, or an item whose value is not
   *     one bencoded value
   */
  static KrpcQuery query(TransactionId t, Request request, NodeId self) {
    NodeId sender = request.sender() != null ? request.sender() : self;
    return KrpcQuery.of(t, id(sender), args(request));
  }

  /** The KRPC arguments of {@code request}. */
  static Query args(Request request) {
    return switch (request.kind()) {
      case PING, STUN -> new Query.Ping();
      case FIND_NODE -> new Query.FindNode(id(((Request.FindNode) request).target()));
      case GET_PEERS -> new Query.GetPeers(id(((Request.GetPeers) request).infoHash()));
      case ANNOUNCE_PEER -> {
        Request.AnnouncePeer a = (Request.AnnouncePeer) request;
        yield new Query.AnnouncePeer(
            id(a.infoHash()), a.port(), BBytes.of(a.token().bytes()), a.impliedPort());
      }
      case GET_ITEM -> {
        Request.GetItem g = (Request.GetItem) request;
        yield new Query.Get(id(g.target()), g.newerThan());
      }
      case PUT_ITEM -> {
        Request.PutItem p = (Request.PutItem) request;
        Bencoded v = bencoded(p.item().value());
        Optional<Query.Put.Mutable> m =
            p.item()
                .signed()
                .map(
                    s ->
                        new Query.Put.Mutable(
                            BBytes.of(s.publicKey()),
                            BBytes.of(s.signature()),
                            s.seq(),
                            BBytes.of(s.salt()),
                            p.cas()));
        yield new Query.Put(BBytes.of(p.token().bytes()), v, m);
      }
      case STORE, FIND_VALUE ->
          throw new IllegalArgumentException(
              "the BitTorrent DHT has no " + request.kind().label() + "; it speaks " + SPOKEN);
    };
  }

  private static Bencoded bencoded(byte[] value) {
    try {
      return Bencoded.of(value);
    } catch (BencodeException e) {
      throw new IllegalArgumentException(
          "an item's value is one bencoded value: " + e.getMessage());
    }
  }

  /**
   * The engine's request that {@code q} carries, or empty for a method KRPC has but the engine does
   * not serve (none today) or one unknown to the codec.
   *
   * @throws IllegalArgumentException for arguments the engine cannot take (an empty token), with a
   *     message for the 203 error that answers them
   */
  static Optional<Request> request(KrpcQuery q) {
    NodeId sender = id(q.sender());
    Query a = q.query();
    return switch (a.kind()) {
      case PING -> Optional.of(new Request.Ping(sender));
      case FIND_NODE ->
          Optional.of(new Request.FindNode(sender, id(((Query.FindNode) a).target())));
      case GET_PEERS ->
          Optional.of(new Request.GetPeers(sender, id(((Query.GetPeers) a).infoHash())));
      case ANNOUNCE_PEER -> {
        Query.AnnouncePeer n = (Query.AnnouncePeer) a;
        yield Optional.of(
            new Request.AnnouncePeer(
                sender, id(n.infoHash()), n.port(), n.impliedPort(), token(n.token())));
      }
      case GET -> {
        Query.Get g = (Query.Get) a;
        yield Optional.of(new Request.GetItem(sender, id(g.target()), g.seq()));
      }
      case PUT -> {
        Query.Put p = (Query.Put) a;
        Optional<ItemData.Signed> signed =
            p.mutable()
                .map(
                    m ->
                        new ItemData.Signed(
                            m.key().toByteArray(),
                            m.salt().toByteArray(),
                            m.seq(),
                            m.signature().toByteArray()));
        OptionalLong cas = p.mutable().map(Query.Put.Mutable::cas).orElse(OptionalLong.empty());
        yield Optional.of(
            new Request.PutItem(
                sender, token(p.token()), new ItemData(p.value().toByteArray(), signed), cas));
      }
      case UNKNOWN -> Optional.empty();
    };
  }

  private static WriteToken token(BBytes token) {
    if (token.length() == 0) {
      throw new IllegalArgumentException("invalid token");
    }
    return WriteToken.of(token.toByteArray());
  }

  /** The families a query asks nodes of: its {@code want}, else the requester's own (BEP 32). */
  static Set<Want> wanted(KrpcQuery q, InetSocketAddress requester) {
    Set<Want> want =
        switch (q.query().kind()) {
          case FIND_NODE -> ((Query.FindNode) q.query()).want();
          case GET_PEERS -> ((Query.GetPeers) q.query()).want();
          default -> Set.of();
        };
    if (!want.isEmpty()) {
      return want;
    }
    return Set.of(requester.getAddress() instanceof Inet4Address ? Want.N4 : Want.N6);
  }

  // ------------------------------------------------------------------ replies

  /**
   * The reply to {@code asked} that carries the engine's {@code answer}; its {@code r.id} is the
   * answer's responder for a ping, else {@code self}.
   *
   * @throws IllegalArgumentException for an answer that does not answer {@code asked}
   */
  static KrpcResponse reply(KrpcQuery asked, Response answer, NodeId self, Set<Want> want) {
    Id160 responder = answer instanceof Response.PingReply p ? id(p.responder()) : id(self);
    Reply reply =
        switch (answer.kind()) {
          case PING_REPLY -> new Reply.Ping();
          case NODES -> {
            List<Contact> contacts = ((Response.Nodes) answer).contacts();
            yield new Reply.FindNode(nodes(contacts, want, true), nodes(contacts, want, false));
          }
          case PEERS -> {
            Response.Peers p = (Response.Peers) answer;
            yield new Reply.GetPeers(
                p.token().map(t -> BBytes.of(t.bytes())),
                p.peers(),
                nodes(p.contacts(), want, true),
                nodes(p.contacts(), want, false));
          }
          case ITEM -> item((Response.ItemReply) answer, want);
          case STORE_REPLY ->
              switch (asked.query().kind()) {
                case ANNOUNCE_PEER -> new Reply.AnnouncePeer();
                case PUT -> new Reply.Put();
                default -> throw notAnAnswer(asked, answer);
              };
          case FOUND_VALUE, STUN_REPLY, REFUSED -> throw notAnAnswer(asked, answer);
        };
    if (reply.answers() != asked.query().kind()) {
      throw notAnAnswer(asked, answer);
    }
    return KrpcResponse.of(asked.transaction(), responder, reply);
  }

  private static IllegalArgumentException notAnAnswer(KrpcQuery asked, Response answer) {
    return new IllegalArgumentException(
        "a " + answer.kind().label() + " does not answer " + asked.query().kind().method());
  }

  private static Reply.Get item(Response.ItemReply r, Set<Want> want) {
    Optional<BBytes> token = r.token().map(t -> BBytes.of(t.bytes()));
    Optional<ItemData> item = r.item();
    Optional<ItemData.Signed> signed = item.flatMap(ItemData::signed);
    OptionalLong seq =
        signed.isPresent()
            ? OptionalLong.of(signed.get().seq())
            : item.isEmpty() ? r.seq() : OptionalLong.empty();
    return new Reply.Get(
        token,
        nodes(r.contacts(), want, true),
        nodes(r.contacts(), want, false),
        item.map(i -> bencoded(i.value())),
        signed.map(s -> BBytes.of(s.publicKey())),
        signed.map(s -> BBytes.of(s.signature())),
        seq);
  }

  /** The contacts of one family, when {@code want} asks for it. */
  private static List<NodeInfo> nodes(List<Contact> contacts, Set<Want> want, boolean ipv4) {
    if (!want.contains(ipv4 ? Want.N4 : Want.N6)) {
      return List.of();
    }
    List<NodeInfo> out = new ArrayList<>(contacts.size());
    for (Contact c : contacts) {
      if ((c.address().getAddress() instanceof Inet4Address) == ipv4) {
        out.add(new NodeInfo(id(c.id()), c.address()));
      }
    }
    return out;
  }

  /**
   * The engine's answer to {@code asked} that the typed {@code reply} carries.
   *
   * @throws IllegalArgumentException when the reply cannot answer it (a stun answer without {@code
   *     ip}, an item with a key but no signature)
   */
  static Response response(Request asked, KrpcResponse reply) {
    Reply r = reply.reply();
    return switch (asked.kind()) {
      case PING -> new Response.PingReply(id(reply.responder()));
      case STUN -> {
        InetSocketAddress seen =
            reply
                .requesterAddress()
                .orElseThrow(
                    () -> new IllegalArgumentException("the answer carries no ip (BEP 42)"));
        yield new Response.StunReply(seen.getAddress().getHostAddress(), seen.getPort());
      }
      case FIND_NODE -> {
        Reply.FindNode f = (Reply.FindNode) r;
        yield new Response.Nodes(contacts(f.nodes(), f.nodes6()));
      }
      case GET_PEERS -> {
        Reply.GetPeers g = (Reply.GetPeers) r;
        List<InetSocketAddress> peers = new ArrayList<>(g.values().size());
        for (InetSocketAddress p : g.values()) {
          if (usable(p)) {
            peers.add(p);
          }
        }
        yield new Response.Peers(peers, contacts(g.nodes(), g.nodes6()), token(g.token()));
      }
      case ANNOUNCE_PEER, PUT_ITEM -> new Response.StoreReply(true);
      case GET_ITEM -> item((Reply.Get) r);
      case STORE, FIND_VALUE ->
          throw new IllegalArgumentException("the BitTorrent DHT has no " + asked.kind().label());
    };
  }

  private static Response.ItemReply item(Reply.Get g) {
    List<Contact> contacts = contacts(g.nodes(), g.nodes6());
    Optional<WriteToken> token = token(g.token());
    if (g.value().isEmpty()) {
      return new Response.ItemReply(Optional.empty(), g.seq(), contacts, token);
    }
    byte[] value = g.value().get().toByteArray();
    if (g.key().isEmpty() && g.signature().isEmpty() && g.seq().isEmpty()) {
      return new Response.ItemReply(
          Optional.of(ItemData.immutable(value)), OptionalLong.empty(), contacts, token);
    }
    if (g.key().isEmpty() || g.signature().isEmpty() || g.seq().isEmpty()) {
      throw new IllegalArgumentException(
          "a get reply with v carries k, sig and seq all or none, found "
              + (g.key().isPresent() ? "k " : "")
              + (g.signature().isPresent() ? "sig " : "")
              + (g.seq().isPresent() ? "seq" : "").strip());
    }
    ItemData.Signed signed =
        new ItemData.Signed(
            g.key().get().toByteArray(),
            new byte[0],
            g.seq().getAsLong(),
            g.signature().get().toByteArray());
    return new Response.ItemReply(
        Optional.of(new ItemData(value, Optional.of(signed))), g.seq(), contacts, token);
  }

  private static Optional<WriteToken> token(Optional<BBytes> token) {
    return token.filter(t -> t.length() > 0).map(t -> WriteToken.of(t.toByteArray()));
  }

  /** The nodes of a reply as contacts, leaving out those no one could reach. */
  private static List<Contact> contacts(List<NodeInfo> nodes, List<NodeInfo> nodes6) {
    List<Contact> out = new ArrayList<>(nodes.size() + nodes6.size());
    for (List<NodeInfo> family : List.of(nodes, nodes6)) {
      for (NodeInfo n : family) {
        if (usable(n.address())) {
          out.add(new Contact(id(n.id()), n.address()));
        }
      }
    }
    return out;
  }

  /** Whether a listed address could be reached: a port, and an address that is someone's. */
  static boolean usable(InetSocketAddress a) {
    return a.getPort() != 0
        && !a.getAddress().isAnyLocalAddress()
        && !a.getAddress().isMulticastAddress();
  }
}
