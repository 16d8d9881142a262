package io.kadscope.gui.buckets;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.BucketSnapshot;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.common.BucketSelection;
import io.kadscope.gui.common.IdText;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.FxBatchListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The k-bucket list: one row per non-empty bucket of the latest snapshot, and what just changed
 * (contacts added and evicted in the last {@link #FLASH}), so the view can flash them.
 */
public final class BucketsViewModel implements FxBatchListener {
  /** How long an addition or eviction stays highlighted. */
  public static final Duration FLASH = Duration.ofMillis(2500);

  /** A contact that was evicted from a bucket, shown struck through for a moment. */
  public record Eviction(Contact contact, String reason, Instant at) {}

  private final BucketSelection selection;
  private final Clock clock;
  private final ObservableList<BucketRow> rows = FXCollections.observableArrayList();
  private final Map<NodeId, Instant> added = new HashMap<>();
  private final List<Eviction> evictions = new ArrayList<>();
  private final StringProperty summary = new SimpleStringProperty("");

  public BucketsViewModel(SnapshotCache snapshots, BucketSelection selection, Clock clock) {
    this.selection = selection;
    this.clock = clock;
    snapshots.routingProperty().addListener((o, a, s) -> update(s));
    update(snapshots.routingProperty().get());
  }

  private void update(RoutingSnapshot s) {
    if (s == null) {
      return;
    }
    List<BucketRow> out = new ArrayList<>();
    List<BucketSnapshot> all = s.buckets();
    for (int pos = 0; pos < all.size(); pos++) {
      BucketSnapshot b = all.get(pos);
      if (b.contacts().isEmpty()) {
        continue;
      }
      out.add(
          new BucketRow(
              BucketSelection.keyOf(b),
              pos,
              b.index(),
              b.depth(),
              IdText.range(b),
              b.containsSelf(),
              s.k(),
              b.contacts(),
              b.replacements()));
    }
    rows.setAll(out);
    int cached = s.buckets().stream().mapToInt(b -> b.replacements().size()).sum();
    summary.set(
        s.size()
            + " contacts in "
            + out.size()
            + " non-empty buckets of "
            + all.size()
            + " · "
            + cached
            + " waiting in replacement caches · k = "
            + s.k());
  }

  @Override
  public void onEvents(List<EngineEvent> batch) {
    for (EngineEvent e : batch) {
      if (e instanceof EngineEvent.ContactAdded a) {
        added.put(a.contact().id(), a.at());
      } else if (e instanceof EngineEvent.ContactEvicted ev) {
        evictions.add(new Eviction(ev.contact(), ev.reason(), ev.at()));
      }
    }
  }

  @Override
  public void onPulse(long nowNanos) {
    Instant limit = clock.instant().minus(FLASH);
    added.values().removeIf(t -> t.isBefore(limit));
    evictions.removeIf(e -> e.at().isBefore(limit));
  }

  /** Whether any addition or eviction is still highlighted. */
  public boolean flashing() {
    Instant limit = clock.instant().minus(FLASH);
    return added.values().stream().anyMatch(t -> !t.isBefore(limit))
        || evictions.stream().anyMatch(e -> !e.at().isBefore(limit));
  }

  /** Whether {@code id} joined its bucket within the last {@link #FLASH}. */
  public boolean justAdded(NodeId id) {
    Instant t = added.get(id);
    return t != null && !t.isBefore(clock.instant().minus(FLASH));
  }

  /** The contacts evicted from the bucket of {@code row} within the last {@link #FLASH}. */
  public List<Eviction> recentEvictions(BucketRow row) {
    Instant limit = clock.instant().minus(FLASH);
    return evictions.stream()
        .filter(e -> !e.at().isBefore(limit))
        .filter(e -> e.contact().id().leadingBits(row.depth()).equals(row.key()))
        .toList();
  }

  /** How long ago {@code seen} was, as {@code 4s}. */
  public String age(Instant seen) {
    return IdText.age(Duration.between(seen, clock.instant()));
  }

  /** The rows, in id order. */
  public ObservableList<BucketRow> rows() {
    return rows;
  }

  /** The picked bucket, shared with the ring and the tree. */
  public ObjectProperty<String> selectedBucketProperty() {
    return selection.pickedProperty();
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary;
  }
}
