package io.kadscope.gui.ring;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.ContactInfo;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.engine.store.StoredValue;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.IdText;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.session.KeyNames;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The ID ring's content: one dot per contact at its id's angle (and, in the distance view, at a
 * radius given by its XOR distance to the node on a log scale), coloured by bucket; one tick per
 * stored key. Recomputed from each routing snapshot; the view only draws.
 */
public final class RingViewModel implements LookupFollower {

  /**
   * A contact on the ring.
   *
   * @param fraction its id's position in [0, 1), clockwise from the top
   * @param depth the continuous log-distance depth: {@code 160 - log2(id XOR self)}, in (p, p + 1]
   *     for a contact sharing p leading bits with the node
   * @param bucketPosition its bucket's position in id order (its colour)
   */
  public record Dot(
      ContactInfo info,
      double fraction,
      double depth,
      int bucketPosition,
      String bucketKey,
      int bucketIndex) {}

  /**
   * A key on the ring.
   *
   * @param held whether this node holds a value under it (else a key the network was last seen to
   *     hold elsewhere)
   */
  public record Tick(NodeId key, double fraction, String label, boolean held) {}

  private final SnapshotCache snapshots;
  private final BucketSelection selection;
  private final KeyNames names;
  private final Clock clock;
  private final ObjectProperty<List<Dot>> dots = new SimpleObjectProperty<>(List.of());
  private final ObjectProperty<List<Tick>> ticks = new SimpleObjectProperty<>(List.of());
  private final ObjectProperty<NodeId> self = new SimpleObjectProperty<>();
  private final BooleanProperty distanceView = new SimpleBooleanProperty(false);
  private final StringProperty summary = new SimpleStringProperty("");

  public RingViewModel(
      SnapshotCache snapshots, BucketSelection selection, KeyNames names, Clock clock) {
    this.snapshots = snapshots;
    this.selection = selection;
    this.names = names;
    this.clock = clock;
    snapshots.routingProperty().addListener((o, a, s) -> update(s));
    snapshots.storeProperty().addListener((o, a, s) -> updateTicks(s));
    update(snapshots.routingProperty().get());
    updateTicks(snapshots.storeProperty().get());
  }

  private void update(RoutingSnapshot s) {
    if (s == null) {
      return;
    }
    self.set(s.self());
    List<Dot> out = new ArrayList<>(s.size());
    List<BucketSnapshot> buckets = s.buckets();
    int nonEmpty = 0;
    for (int pos = 0; pos < buckets.size(); pos++) {
      BucketSnapshot b = buckets.get(pos);
      if (!b.contacts().isEmpty()) {
        nonEmpty++;
      }
      String key = BucketSelection.keyOf(b);
      for (ContactInfo c : b.contacts()) {
        NodeId id = c.contact().id();
        out.add(new Dot(c, id.fraction(), depth(s.self(), id), pos, key, b.index()));
      }
    }
    dots.set(List.copyOf(out));
    summary.set(out.size() + " contacts in " + nonEmpty + " buckets · k = " + s.k());
  }

  private void updateTicks(StoreSnapshot s) {
    if (s == null) {
      return;
    }
    List<Tick> out = new ArrayList<>();
    Set<NodeId> held = new HashSet<>();
    for (StoredValue v : s.values()) {
      held.add(v.key());
      out.add(new Tick(v.key(), v.key().fraction(), names.label(v.key()), true));
    }
    for (var e : names.all().entrySet()) {
      if (!held.contains(e.getKey()) && names.confirmed(e.getKey())) {
        out.add(new Tick(e.getKey(), e.getKey().fraction(), "\"" + e.getValue() + "\"", false));
      }
    }
    ticks.set(List.copyOf(out));
  }

  /** {@code 160 - log2(a XOR b)}: 0 for the farthest ids, 160 for equal ones. */
  static double depth(NodeId self, NodeId id) {
    BigInteger d = self.distance(id);
    int bits = d.bitLength();
    if (bits == 0) {
      return NodeId.BITS;
    }
    double mantissa = d.shiftRight(Math.max(0, bits - 53)).doubleValue();
    double log2 = Math.max(0, bits - 53) + Math.log(mantissa) / Math.log(2);
    return NodeId.BITS - log2;
  }

  /** The text of a contact's tooltip: id in hex and bits, address, bucket, last seen, RTT. */
  public String describe(Dot d) {
    ContactInfo c = d.info();
    NodeId id = c.contact().id();
    String bits = id.leadingBits(24);
    String spaced = bits.substring(0, 8) + " " + bits.substring(8, 16) + " " + bits.substring(16);
    int shared = self.get() == null ? 0 : self.get().sharedPrefixLength(id);
    return "id   "
        + id.toHex()
        + "\nbits "
        + spaced
        + " …  ("
        + shared
        + " bits shared with you)"
        + "\naddress   "
        + c.contact().host()
        + ":"
        + c.contact().port()
        + "\nbucket    "
        + d.bucketIndex()
        + "  (prefix "
        + (d.bucketKey().isEmpty() ? "any" : d.bucketKey())
        + ")"
        + "\nlast seen "
        + IdText.age(Duration.between(c.lastSeen(), clock.instant()))
        + " ago"
        + "\nRTT       "
        + c.rtt().map(IdText::millis).orElse("never answered us")
        + (c.failures() > 0 ? "\nfailures  " + c.failures() : "");
  }

  /** Picks the bucket of {@code d} (or clears the pick when {@code d} is null). */
  public void select(Dot d) {
    selection.pickedProperty().set(d == null ? null : d.bucketKey());
  }

  public ReadOnlyObjectProperty<List<Dot>> dotsProperty() {
    return dots;
  }

  public ReadOnlyObjectProperty<List<Tick>> ticksProperty() {
    return ticks;
  }

  public ReadOnlyObjectProperty<NodeId> selfProperty() {
    return self;
  }

  /** Whether the radius shows the XOR distance to the node (buckets as rings). */
  public BooleanProperty distanceViewProperty() {
    return distanceView;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary;
  }

  /** Takes the keys again (after new names were learnt). */
  public void refreshKeys() {
    updateTicks(snapshots.storeProperty().get());
  }

  /** Takes the keys again when the user's operation starts (the ticks follow its outcome). */
  @Override
  public void lookupStarting(NodeId target) {
    refreshKeys();
  }

  /** Takes the keys again once the operation has ended: a failed set leaves no tick. */
  @Override
  public void operationEnded(NodeId target) {
    refreshKeys();
  }

  /** The picked bucket's key, or null. */
  public ReadOnlyObjectProperty<String> selectedBucketProperty() {
    return selection.pickedProperty();
  }
}
