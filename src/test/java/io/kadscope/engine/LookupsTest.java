package io.kadscope.engine;

import static io.kadscope.engine.NodeParts.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.lookup.LookupKind;
import io.kadscope.engine.lookup.LookupPurpose;
import io.kadscope.engine.lookup.LookupReply;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.engine.rpc.RpcException;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The node's lookup wiring: where lookups start, what they send, how rpcudp answers are read. */
class LookupsTest {
  private static final NodeId SELF = id(0x00);

  private final NodeParts n = new NodeParts(SELF, 3);

  @Test
  void aNodeLookup_startsFromTheKClosestKnown_andAsksWithFindNode() {
    NodeId target = id(0x80);
    NodeParts.Peer a = n.peer(id(0x81), (from, r) -> new Response.Nodes(List.of()));
    NodeParts.Peer b = n.peer(id(0x82), (from, r) -> new Response.Nodes(List.of()));
    NodeParts.Peer c = n.peer(id(0x83), (from, r) -> new Response.Nodes(List.of()));
    NodeParts.Peer farther = n.peer(id(0xff), (from, r) -> new Response.Nodes(List.of()));
    for (NodeParts.Peer p : List.of(farther, c, b, a)) {
      n.routing.seen(p.contact(), null);
    }

    LookupResult r = n.await(n.lookups.run(LookupKind.NODE, target, LookupPurpose.FIND_NODE));

    EngineEvent.LookupStarted started = n.events(EngineEvent.LookupStarted.class).get(0);
    assertThat(started.initial()).containsExactly(a.contact(), b.contact(), c.contact());
    assertThat(started.purpose()).isEqualTo(LookupPurpose.FIND_NODE);
    assertThat(a.received()).containsExactly(new Request.FindNode(SELF, target));
    assertThat(farther.received()).isEmpty();
    assertThat(r.closest()).containsExactly(a.contact(), b.contact(), c.contact());
    assertThat(n.events(EngineEvent.RpcSent.class))
        .allSatisfy(s -> assertThat(s.lookupId()).isEqualTo(r.lookupId()));
  }

  @Test
  void aValueLookup_asksWithFindValue_andStopsAtTheFirstValue() {
    NodeId key = id(0x80);
    NodeParts.Peer holder = n.peer(id(0x81), (from, r) -> new Response.FoundValue(Value.of("v")));
    n.routing.seen(holder.contact(), null);

    LookupResult r = n.await(n.lookups.run(LookupKind.VALUE, key, LookupPurpose.GET));

    assertThat(holder.received()).containsExactly(new Request.FindValue(SELF, key));
    assertThat(r.value()).contains(Value.of("v"));
    assertThat(r.holder()).contains(holder.contact());
    assertThat(r.answered())
        .as("rpcudp hands out no write tokens")
        .allSatisfy(ans -> assertThat(ans.token()).isEmpty());
  }

  @Test
  void aLookup_marksItsTargetsBucketAsUsed() {
    n.routing.seen(new Contact(id(0x80), new InetSocketAddress("10.0.0.9", 7123)), null);
    n.time.advance(Defaults.REFRESH_INTERVAL.plusMinutes(1));

    n.lookups.run(LookupKind.NODE, id(0x00, 0x00, 0x01), LookupPurpose.FIND_NODE);

    assertThat(n.routing.staleBuckets(n.time.now().minus(Defaults.REFRESH_INTERVAL)))
        .noneMatch(BucketSnapshot::containsSelf);
  }

  @Test
  void refresh_looksUpARandomIdInTheBucketsRange() {
    n.routing.seen(new Contact(id(0x80), new InetSocketAddress("10.0.0.9", 7123)), null);
    n.routing.seen(new Contact(id(0x40), new InetSocketAddress("10.0.0.8", 7123)), null);
    BucketSnapshot far = n.routing.snapshot().bucketOf(id(0x80));

    n.lookups.refresh(far);

    EngineEvent.LookupStarted started = n.events(EngineEvent.LookupStarted.class).get(0);
    assertThat(started.purpose()).isEqualTo(LookupPurpose.REFRESH);
    assertThat(n.routing.snapshot().bucketOf(started.target()).prefix()).isEqualTo(far.prefix());
  }

  @Test
  void reply_readsContactsAndValues_andRefusesWhatNoLookupAsksFor() {
    Contact c = new Contact(id(0x80), new InetSocketAddress("10.0.0.9", 7123));

    assertThat(Lookups.reply(new Response.Nodes(List.of(c))))
        .isEqualTo(LookupReply.ofContacts(List.of(c)));
    assertThat(Lookups.reply(new Response.FoundValue(Value.of("v"))))
        .isEqualTo(LookupReply.ofValue(Value.of("v")));
    assertThatThrownBy(() -> Lookups.reply(new Response.PingReply(SELF)))
        .isInstanceOf(RpcException.class)
        .hasMessage("a ping reply does not answer a lookup");
  }
}
