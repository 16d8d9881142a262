package io.kadscope.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.VirtualScheduler;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.guard.AddressLimit;
import io.kadscope.engine.guard.Limits;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final NodeId SELF = NodeId.fromHex("00".repeat(20));
  private final VirtualScheduler time = new VirtualScheduler();
  private final List<EngineEvent> events = new ArrayList<>();
  private int port = 1000;

  private RoutingTable table(int k) {
    return new RoutingTable(SELF, k, 3, 5, time.clock(), events::add);
  }

  /** A contact in the far half of the id space (first bit 1), so it never shares self's bucket. */
  private Contact far(int n) {
    byte[] b = new byte[20];
    b[0] = (byte) 0x80;
    b[18] = (byte) (n >>> 8);
    b[19] = (byte) n;
    return contact(NodeId.of(b));
  }

  private Contact contact(NodeId id) {
    return new Contact(id, new InetSocketAddress("127.0.0.1", port++));
  }

  @Test
  void contactsAreKeptLeastRecentlySeenFirst_andASeenContactMovesToTheTail() {
    RoutingTable t = table(20);
    Contact a = far(1);
    Contact b = far(2);
    Contact c = far(3);
    t.seen(a, null);
    t.seen(b, null);
    t.seen(c, null);
    assertThat(t.seen(a, Duration.ofMillis(3)).outcome()).isEqualTo(RoutingTable.Outcome.MOVED);
    assertThat(t.snapshot().contacts()).extracting(ContactInfo::contact).containsExactly(b, c, a);
    assertThat(t.snapshot().contacts().get(2).rtt()).contains(Duration.ofMillis(3));
  }

  @Test
  void aContactSeenAgain_takesItsNewAddress_andKeepsItsLastRoundTripWhenNoneIsMeasured() {
    RoutingTable t = table(20);
    Contact a = far(1);
    time.advance(Duration.ofMillis(7));
    t.seen(a, Duration.ofNanos(1_234_567));
    Contact moved = new Contact(a.id(), new InetSocketAddress("127.0.0.2", 4000));
    time.advance(Duration.ofMillis(5));
    t.seen(moved, null);

    ContactInfo info = t.snapshot().contacts().get(0);
    assertThat(info.contact()).isEqualTo(moved);
    assertThat(info.lastSeen()).as("kept to the millisecond").isEqualTo(time.now());
    assertThat(info.rtt()).as("kept to the microsecond").contains(Duration.ofNanos(1_234_000));
    assertThat(t.find(a.id())).contains(moved);
  }

  @Test
  void lastSeenTimes_stayExactToTheMillisecond_forFiveWeeksBack_evenMonthsAfterTheTableWasMade() {
    RoutingTable t = table(20);
    time.advance(Duration.ofDays(60));
    Contact old = far(1);
    t.seen(old, null);
    Instant oldSeen = time.now();
    time.advance(Duration.ofDays(30).plusMillis(3));
    Contact recent = far(2);
    t.seen(recent, null);
    time.advance(Duration.ofDays(5));
    t.seen(far(3), null);
    time.advance(Duration.ofDays(30));
    t.seen(far(4), null);

    List<ContactInfo> all = t.snapshot().contacts();
    assertThat(all.get(1).lastSeen()).isEqualTo(oldSeen.plus(Duration.ofDays(30).plusMillis(3)));
    assertThat(all.get(2).lastSeen()).isEqualTo(oldSeen.plus(Duration.ofDays(35).plusMillis(3)));
    assertThat(all.get(3).lastSeen()).isEqualTo(time.now());
    assertThat(all.get(0).lastSeen())
        .as("seen 65 days ago: reads as at least five weeks ago")
        .isBefore(time.now().minus(Duration.ofDays(36)));
  }

  @Test
  void aFullBucketCachesTheNewcomer_andAsksToPingItsHeadOnce() {
    RoutingTable t = table(2);
    // Fill the far half: depth-1 bucket, 1 % 5 != 0 so it may split; use ids that stay together.
    Contact a = far(1);
    Contact b = far(2);
    t.seen(a, null);
    t.seen(b, null);
    // Splitting the far bucket down to depth 5 cannot separate ids that share 150+ bits.
    Contact c = far(3);
    Contact d = far(4);
    RoutingTable.Seen s = t.seen(c, null);
    assertThat(s.outcome()).isEqualTo(RoutingTable.Outcome.CACHED);
    assertThat(s.pingHead()).contains(a);
    assertThat(t.seen(d, null).pingHead()).as("a ping already under way").isEmpty();
    BucketSnapshot bucket = t.snapshot().bucketOf(a.id());
    assertThat(bucket.contacts()).extracting(ContactInfo::contact).containsExactly(a, b);
    assertThat(bucket.replacements()).extracting(ContactInfo::contact).containsExactly(c, d);
  }

  @Test
  void aContactAddedWithoutAnRpc_fillsTheBucketAsIfSeen_butAsksForNoPingOfTheHead() {
    RoutingTable t = table(2);
    Contact a = far(1);
    Contact b = far(2);
    Contact c = far(3);
    assertThat(t.add(a, Duration.ofMillis(20))).isEqualTo(RoutingTable.Outcome.ADDED);
    assertThat(t.add(b, null)).isEqualTo(RoutingTable.Outcome.ADDED);
    assertThat(t.add(c, null)).isEqualTo(RoutingTable.Outcome.CACHED);
    assertThat(t.add(a, null)).isEqualTo(RoutingTable.Outcome.MOVED);

    assertThat(t.snapshot().bucketOf(a.id()).replacements())
        .extracting(ContactInfo::contact)
        .containsExactly(c);
    // The head was never marked as being pinged: the next sighting over the network asks for it.
    assertThat(t.seen(far(4), null).pingHead()).contains(b);
  }

  @Test
  void aHeadThatAnswersStays_andTheNewcomerWaitsInTheCache() {
    RoutingTable t = table(2);
    Contact a = far(1);
    Contact b = far(2);
    t.seen(a, null);
    t.seen(b, null);
    t.seen(far(3), null);
    t.seen(a, Duration.ofMillis(1));
    assertThat(t.snapshot().bucketOf(a.id()).contacts())
        .extracting(ContactInfo::contact)
        .containsExactly(b, a);
    assertThat(t.contains(far(3).id())).isFalse();
  }

  @Test
  void aFailedContact_isReplacedAtOnce_byTheNewestReplacement() {
    RoutingTable t = table(2);
    Contact a = far(1);
    Contact b = far(2);
    t.seen(a, null);
    t.seen(b, null);
    t.seen(far(3), null);
    Contact newest = far(4);
    t.seen(newest, null);

    assertThat(t.failed(a, "timeout")).isTrue();

    assertThat(t.contains(a.id())).isFalse();
    assertThat(t.contains(newest.id())).as("newest replacement promoted").isTrue();
    assertThat(t.contains(b.id())).isTrue();
    assertThat(events)
        .filteredOn(e -> e instanceof EngineEvent.ContactEvicted)
        .singleElement()
        .satisfies(e -> assertThat(((EngineEvent.ContactEvicted) e).failures()).isEqualTo(1));
  }

  @Test
  void withNoReplacement_aContactIsDroppedOnlyAfterThreeConsecutiveFailures() {
    RoutingTable t = table(2);
    Contact a = far(1);
    t.seen(a, null);
    t.seen(far(2), null);

    assertThat(t.failed(a, "timeout")).isFalse();
    assertThat(t.failed(a, "timeout")).isFalse();
    assertThat(t.contains(a.id())).isTrue();
    assertThat(t.failed(a, "timeout")).isTrue();
    assertThat(t.contains(a.id())).isFalse();
    assertThat(events)
        .filteredOn(e -> e instanceof EngineEvent.ContactEvicted)
        .singleElement()
        .satisfies(e -> assertThat(((EngineEvent.ContactEvicted) e).failures()).isEqualTo(3));
  }

  @Test
  void roundTrips_makeASmoothedEstimate_andATimeoutFromIt() {
    RoutingTable t = table(20);
    Contact a = far(1);
    assertThat(t.retransmissionTimeout(a.id())).isEmpty();
    t.seen(a, null);
    assertThat(t.retransmissionTimeout(a.id())).as("never answered one of ours").isEmpty();

    t.seen(a, Duration.ofMillis(100));
    t.seen(a, Duration.ofMillis(200));

    // SRTT 100 then 7/8·100 + 1/8·200 = 112.5; RTTVAR 50 then 3/4·50 + 1/4·100 = 62.5
    assertThat(t.snapshot().contacts().get(0).rtt())
        .contains(Duration.ofMillis(112).plusNanos(500_000));
    assertThat(t.retransmissionTimeout(a.id())).contains(Duration.ofMillis(362).plusNanos(500_000));
  }

  @Test
  void wouldAdmit_aNewcomerOnlyWhereItWouldBeKept() {
    RoutingTable t = table(2);
    Contact a = far(1);
    Contact b = far(2);
    assertThat(t.wouldAdmit(a.id())).as("room in the bucket").isTrue();
    t.seen(a, null);
    t.seen(b, null);
    t.seen(far(3), null); // splits down to the far bucket's last depth, then waits in its cache
    assertThat(t.wouldAdmit(a.id())).as("already held").isFalse();
    assertThat(t.wouldAdmit(far(4).id())).as("a full far bucket of live contacts").isFalse();
    t.failed(a, "timeout"); // replaced by far(3) at once
    t.failed(b, "timeout"); // no replacement left: kept, failing
    assertThat(t.wouldAdmit(far(4).id())).as("it would replace a failing one").isTrue();
    assertThat(t.wouldAdmit(SELF)).isFalse();
  }

  @Test
  void addIfWanted_keepsWhatAVerifiedRequesterWouldLeave_andIgnoresANewcomerToAFullBucket() {
    RoutingTable t = table(2);
    Contact a = far(1);
    Contact b = far(2);
    assertThat(t.addIfWanted(a, null)).isEqualTo(RoutingTable.Outcome.ADDED);
    assertThat(t.addIfWanted(b, null)).isEqualTo(RoutingTable.Outcome.ADDED);
    t.seen(far(3), null); // splits down to the far bucket's last depth, then waits in its cache
    int cached = replacements(t);
    assertThat(t.addIfWanted(far(4), null)).isEqualTo(RoutingTable.Outcome.IGNORED);
    assertThat(t.contains(far(4).id())).isFalse();
    assertThat(replacements(t)).as("not cached either").isEqualTo(cached);
    assertThat(t.addIfWanted(a, null)).as("a contact held").isEqualTo(RoutingTable.Outcome.MOVED);
    t.failed(a, "timeout"); // replaced by far(3) at once
    t.failed(b, "timeout"); // no replacement left: kept, failing
    assertThat(t.addIfWanted(far(4), null))
        .as("a bucket holding a failing contact takes it as a replacement")
        .isEqualTo(RoutingTable.Outcome.CACHED);
  }

  private static int replacements(RoutingTable t) {
    return t.snapshot().buckets().stream().mapToInt(x -> x.replacements().size()).sum();
  }

  @Test
  void anAnswerResetsTheFailureCount() {
    RoutingTable t = table(2);
    Contact a = far(1);
    t.seen(a, null);
    t.failed(a, "timeout");
    t.failed(a, "timeout");
    t.seen(a, null);
    t.failed(a, "timeout");
    t.failed(a, "timeout");
    assertThat(t.contains(a.id())).isTrue();
  }

  @Test
  void theBucketHoldingSelfSplits_andFarBucketsSplitOnlyWhileDepthIsNotAMultipleOfFive() {
    RoutingTable t = table(2);
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      t.seen(contact(NodeId.random(r)), null);
    }
    RoutingSnapshot snap = t.snapshot();
    for (BucketSnapshot b : snap.buckets()) {
      if (!b.containsSelf()) {
        // A far bucket stops splitting at the first depth that is a multiple of 5 past its
        // branching point from self's path, so its depth is never more than 5 beyond its index.
        assertThat(b.depth() - b.index()).isLessThanOrEqualTo(5);
      }
      assertThat(b.contacts().size()).isLessThanOrEqualTo(2);
    }
    assertThat(snap.buckets().stream().filter(BucketSnapshot::containsSelf)).hasSize(1);
    // Buckets partition the space: ranges are contiguous, from 0 to 2^160 - 1.
    var sorted = snap.buckets().stream().sorted(Comparator.comparing(BucketSnapshot::low)).toList();
    assertThat(sorted.get(0).low()).isZero();
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i).low()).isEqualTo(sorted.get(i - 1).high().add(BigInteger.ONE));
    }
    assertThat(sorted.get(sorted.size() - 1).high().bitLength()).isEqualTo(160);
  }

  @Test
  void bucketIndexIsTheSharedPrefixLengthWithSelf() {
    RoutingTable t = table(20);
    Contact c = contact(NodeId.fromHex("01" + "00".repeat(19))); // shares 7 bits with self
    t.seen(c, null);
    for (int i = 0; i < 40; i++) {
      t.seen(contact(NodeId.random(new Random(i))), null);
    }
    BucketSnapshot b = t.snapshot().bucketOf(c.id());
    assertThat(b.index()).isEqualTo(Math.min(b.depth(), 7));
  }

  @Test
  void closest_returnsTheKNearestInOrder_leavingOutTheExcludedId() {
    RoutingTable t = table(20);
    Random r = new Random(3);
    List<Contact> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Contact c = contact(NodeId.random(r));
      all.add(c);
      t.seen(c, null);
    }
    List<Contact> held = t.contacts();
    NodeId target = NodeId.random(r);
    List<Contact> expected =
        held.stream()
            .sorted((a, b) -> target.compareDistance(a.id(), b.id()))
            .skip(1)
            .limit(20)
            .toList();
    NodeId excluded =
        held.stream().min((a, b) -> target.compareDistance(a.id(), b.id())).get().id();
    assertThat(t.closest(target, 20, excluded)).containsExactlyElementsOf(expected);
  }

  @Test
  void closest_agreesWithABruteForceSort_forManyTablesTargetsAndCounts() {
    Random r = new Random(11);
    for (int table = 0; table < 20; table++) {
      RoutingTable t =
          new RoutingTable(NodeId.random(r), 1 + r.nextInt(20), 3, 5, time.clock(), e -> {});
      for (int i = 0, n = r.nextInt(600); i < n; i++) {
        t.seen(contact(NodeId.random(r)), null);
      }
      List<Contact> held = t.contacts();
      for (int q = 0; q < 50; q++) {
        NodeId target =
            q % 5 == 0 && !held.isEmpty()
                ? held.get(r.nextInt(held.size())).id()
                : NodeId.random(r);
        int count = 1 + r.nextInt(40);
        NodeId exclude =
            held.isEmpty() || r.nextBoolean() ? null : held.get(r.nextInt(held.size())).id();
        assertThat(t.closest(target, count, exclude))
            .containsExactlyElementsOf(bruteForceClosest(held, target, count, exclude));
      }
    }
  }

  @Test
  void closest_ordersContactsWhoseLeadingBitsAllTie_byTheirWholeIds() {
    // Every id starts with the same 24 bits, so the 16-bit sort keys of a bucket all tie and the
    // order comes from the ids alone.
    Random r = new Random(5);
    RoutingTable t = new RoutingTable(NodeId.random(r), 20, 3, 5, time.clock(), e -> {});
    for (int i = 0; i < 20; i++) {
      byte[] id = new byte[NodeId.BYTES];
      r.nextBytes(id);
      id[0] = (byte) 0xab;
      id[1] = (byte) 0xcd;
      id[2] = (byte) 0xef;
      t.seen(contact(NodeId.of(id)), null);
    }
    List<Contact> held = t.contacts();
    for (int q = 0; q < 40; q++) {
      NodeId target = NodeId.random(r);
      NodeId exclude = q % 2 == 0 ? null : held.get(r.nextInt(held.size())).id();
      int count = 1 + r.nextInt(held.size());
      assertThat(t.closest(target, count, exclude))
          .containsExactlyElementsOf(bruteForceClosest(held, target, count, exclude));
    }
  }

  /** The {@code count} contacts of {@code held} closest to {@code target} but {@code exclude}. */
  private static List<Contact> bruteForceClosest(
      List<Contact> held, NodeId target, int count, NodeId exclude) {
    return held.stream()
        .filter(c -> !c.id().equals(exclude))
        .sorted((a, b) -> target.compareDistance(a.id(), b.id()))
        .limit(count)
        .toList();
  }

  @Test
  void selfIsNeverStored() {
    RoutingTable t = table(20);
    assertThat(t.seen(contact(SELF), null).outcome()).isEqualTo(RoutingTable.Outcome.IGNORED);
    assertThat(t.size()).isZero();
  }

  @Test
  void staleBuckets_areThoseNoLookupTouchedSince() {
    RoutingTable t = table(20);
    t.seen(far(1), null);
    time.advance(Duration.ofMinutes(61));
    t.touch(SELF);
    assertThat(t.staleBuckets(time.now().minus(Duration.ofHours(1)))).isEmpty();
    time.advance(Duration.ofMinutes(61));
    assertThat(t.staleBuckets(time.now().minus(Duration.ofHours(1)))).isNotEmpty();
  }

  private static Contact at(NodeId id, String ip, int port) {
    return new Contact(id, new InetSocketAddress(ip, port));
  }

  @Test
  void aBucket_takesAtMostTheLimitOfContactsFromOneAddress_replacementsIncluded() {
    RoutingTable t =
        new RoutingTable(SELF, 4, 3, 5, time.clock(), events::add, AddressLimit.of(Limits.DEFAULT));
    NodeId[] ids = new NodeId[6];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = far(i).id();
    }

    List<RoutingTable.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      outcomes.add(t.seen(at(ids[i], "10.6.6.6", 6000 + i), null).outcome());
    }
    outcomes.add(t.seen(at(ids[4], "10.0.0.5", 7123), null).outcome());

    assertThat(outcomes)
        .containsExactly(
            RoutingTable.Outcome.ADDED,
            RoutingTable.Outcome.ADDED,
            RoutingTable.Outcome.REFUSED,
            RoutingTable.Outcome.REFUSED,
            RoutingTable.Outcome.ADDED);
    assertThat(t.seen(at(ids[0], "10.6.6.6", 6000), null).outcome())
        .as("a contact already held is seen again as before")
        .isEqualTo(RoutingTable.Outcome.MOVED);
  }

  @Test
  void loopbackContacts_areExemptFromThePerAddressLimit_byDefault() {
    RoutingTable t =
        new RoutingTable(
            SELF, 20, 3, 5, time.clock(), events::add, AddressLimit.of(Limits.DEFAULT));
    for (int i = 0; i < 20; i++) {
      assertThat(t.seen(far(i), null).outcome()).isEqualTo(RoutingTable.Outcome.ADDED);
    }
  }
}
