package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupReply;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.lookup.StopPolicy;
import io.kadscope.engine.lookup.WriteToken;
import io.kadscope.engine.rpc.ExtensionHandler;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.RequestHandler;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import io.kadscope.engine.rpc.RpcKind;
import io.kadscope.engine.rpc.RpcPort;
import io.kadscope.engine.rpc.RpcRefusedException;
import io.kadscope.sim.SimNetwork;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A node whose port speaks more than the paper's kinds, as the BitTorrent DHT's does: its extension
 * answers them, its facade runs lookups and requests of them on the node's own table and client,
 * and what its port does not speak fails before anything is sent.
 */
class ProtocolExtensionTest {
  private static final Set<RpcKind> ALL_BUT_STORE =
      EnumSet.complementOf(EnumSet.of(RpcKind.STORE, RpcKind.FIND_VALUE));

  private final VirtualScheduler time = new VirtualScheduler();
  private final Random random = new Random(3);
  private final SimNetwork net = new SimNetwork(time, Duration.ofMillis(5), 0, random);
  private final List<EngineEvent> events = new ArrayList<>();

  /** A peer store per node: who announced which info-hash there. */
  private final Map<NodeId, Map<NodeId, List<InetSocketAddress>>> announced =
      new ConcurrentHashMap<>();

  private static final WriteToken TOKEN = WriteToken.of(new byte[] {7, 7});

  /** A port of the simulated network that speaks {@code kinds}. */
  private RpcPort port(Set<RpcKind> kinds) {
    RpcPort inner = net.newPort();
    return new RpcPort() {
      @Override
      public InetSocketAddress localAddress() {
        return inner.localAddress();
      }

      @Override
      public CompletableFuture<Response> send(
          InetSocketAddress to, Request request, Duration timeout) {
        return inner.send(to, request, timeout);
      }

      @Override
      public void serve(RequestHandler handler) {
        inner.serve(handler);
      }

      @Override
      public Set<RpcKind> speaks() {
        return kinds;
      }

      @Override
      public void close() {
        inner.close();
      }
    };
  }

  /** Answers get_peers with what was announced here, and announce_peer when the token is ours. */
  private ExtensionHandler peers(NodeId self) {
    Map<NodeId, List<InetSocketAddress>> mine = new ConcurrentHashMap<>();
    announced.put(self, mine);
    return (from, request, neighbours) ->
        switch (request.kind()) {
          case GET_PEERS -> {
            NodeId h = ((Request.GetPeers) request).infoHash();
            yield new Response.Peers(
                mine.getOrDefault(h, List.of()), neighbours.closest(h), Optional.of(TOKEN));
          }
          case ANNOUNCE_PEER -> {
            Request.AnnouncePeer a = (Request.AnnouncePeer) request;
            if (!a.token().equals(TOKEN)) {
              yield new Response.Refused(203, "invalid token");
            }
            mine.computeIfAbsent(a.infoHash(), h -> new ArrayList<>())
                .add(new InetSocketAddress(from.getAddress(), a.port()));
            yield new Response.StoreReply(true);
          }
          default -> null;
        };
  }

  private KademliaNode node(NodeId id) {
    KademliaNode n =
        KademliaNode.builder()
            .id(id)
            .rpcPort(port(ALL_BUT_STORE))
            .scheduler(time)
            .clock(time.clock())
            .random(random)
            .k(4)
            .rpcTimeout(Duration.ofSeconds(1))
            .extension(peers(id))
            .listener(events::add)
            .build();
    n.start();
    return n;
  }

  private List<KademliaNode> network(int count) {
    List<KademliaNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      KademliaNode n = node(NodeId.random(random));
      if (i > 0) {
        await(n.bootstrap(List.of(nodes.get(0).address())));
      }
      nodes.add(n);
    }
    return nodes;
  }

  private <T> T await(CompletableFuture<T> f) {
    for (int i = 0; i < 100_000 && !f.isDone(); i++) {
      time.advance(Duration.ofMillis(1));
    }
    assertThat(f).as("done within 100 virtual seconds").isDone();
    return f.join();
  }

  @Test
  void aLookupOfTheProtocolsOwnKind_gathersWhatItsReaderKeeps_andTheTokensOfTheClosest() {
    List<KademliaNode> nodes = network(10);
    NodeId infoHash = NodeId.random(random);
    InetSocketAddress peer = new InetSocketAddress("10.1.2.3", 6881);
    for (KademliaNode n : nodes.subList(1, 10)) {
      announced.get(n.id()).put(infoHash, List.of(peer));
    }
    KademliaNode asker = nodes.get(0);
    List<InetSocketAddress> found = new ArrayList<>();

    LookupResult r =
        await(
            asker.lookup(
                LookupKind.NODE,
                infoHash,
                LookupPurpose.PEERS,
                StopPolicy.AFTER_K_CLOSEST,
                new Request.GetPeers(asker.id(), infoHash),
                (from, response) -> {
                  Response.Peers p = (Response.Peers) response;
                  found.addAll(p.peers());
                  return new LookupReply(p.contacts(), Optional.empty(), p.token());
                }));

    assertThat(found).isNotEmpty().containsOnly(peer);
    assertThat(r.answered()).hasSize(4).allSatisfy(a -> assertThat(a.token()).contains(TOKEN));
    assertThat(events)
        .filteredOn(
            e ->
                e instanceof EngineEvent.LookupStarted s
                    && s.node().equals(asker.id())
                    && s.lookupId() == r.lookupId())
        .singleElement()
        .satisfies(e -> assertThat(((EngineEvent.LookupStarted) e).purpose()).hasToString("peers"));
  }

  @Test
  void aRequestThroughTheFacade_isAnsweredByTheOthersExtension_andARefusalFailsIt() {
    List<KademliaNode> nodes = network(2);
    KademliaNode a = nodes.get(0);
    KademliaNode b = nodes.get(1);
    NodeId infoHash = NodeId.random(random);

    Response ok =
        await(
            a.request(
                b.contact(), new Request.AnnouncePeer(a.id(), infoHash, 6881, false, TOKEN), 0));
    Throwable refused =
        await(
            a.request(
                    b.contact(),
                    new Request.AnnouncePeer(
                        a.id(), infoHash, 6881, false, WriteToken.of(new byte[] {1})),
                    0)
                .handle((v, e) -> Futures.unwrap(e)));

    assertThat(ok).isEqualTo(new Response.StoreReply(true));
    assertThat(announced.get(b.id()).get(infoHash)).hasSize(1);
    assertThat(refused)
        .isInstanceOf(RpcRefusedException.class)
        .hasMessageEndingWith("refused announce_peer: error 203 \"invalid token\"");
    assertThat(a.routingSnapshot().contains(b.contact())).as("a refusal is an answer").isTrue();
  }

  @Test
  void setAndGet_onANodeWhosePortHasNoStore_failSayingSo() {
    KademliaNode a = node(NodeId.random(random));

    Throwable set = await(a.set("k", Value.of("v")).handle((v, e) -> Futures.unwrap(e)));
    Throwable get = await(a.get("k").handle((v, e) -> Futures.unwrap(e)));

    assertThat(set)
        .isInstanceOf(RpcException.class)
        .hasMessageStartingWith("set needs store, which this node's protocol does not have");
    assertThat(get)
        .isInstanceOf(RpcException.class)
        .hasMessageStartingWith("get needs find_value, which this node's protocol does not have");
    assertThat(a.speaks()).isEqualTo(ALL_BUT_STORE);
  }
}
