package io.kadscope.gui.common;

import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.engine.store.StoreSnapshot;
import io.kadscope.gui.fx.FxBatchListener;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window node's routing table and store as the views see them: immutable snapshots, taken again
 * when events say they changed, but at most every {@link #MIN_INTERVAL_NANOS} however many events
 * arrive (a burst costs one snapshot, not thousands).
 */
public final class SnapshotCache implements FxBatchListener {
  /** Snapshots per second at most: 5, fast enough to watch, cheap with 10,000 contacts. */
  public static final long MIN_INTERVAL_NANOS = 200_000_000;

  private final Supplier<RoutingSnapshot> routingSource;
  private final Supplier<StoreSnapshot> storeSource;
  private final ObjectProperty<RoutingSnapshot> routing = new SimpleObjectProperty<>();
  private final ObjectProperty<StoreSnapshot> store = new SimpleObjectProperty<>();
  private boolean routingDirty = true;
  private boolean storeDirty = true;
  private long lastRefresh = Long.MIN_VALUE / 2;

  /**
   * @param routing takes a routing snapshot of the window's node
   * @param store takes a store snapshot of the window's node
   */
  public SnapshotCache(Supplier<RoutingSnapshot> routing, Supplier<StoreSnapshot> store) {
    this.routingSource = routing;
    this.storeSource = store;
    refreshNow();
  }

  @Override
  public void onEvents(List<EngineEvent> batch) {
    for (EngineEvent e : batch) {
      if (e instanceof EngineEvent.ContactAdded
          || e instanceof EngineEvent.ContactMoved
          || e instanceof EngineEvent.ContactCached
          || e instanceof EngineEvent.ContactEvicted
          || e instanceof EngineEvent.BucketSplit
          || e instanceof EngineEvent.RpcAnswered) {
        routingDirty = true;
      } else if (e instanceof EngineEvent.ValueStored
          || e instanceof EngineEvent.ValueExpired
          || e instanceof EngineEvent.ValueDropped
          || e instanceof EngineEvent.ValueRefreshed) {
        storeDirty = true;
      }
    }
  }

  @Override
  public void onPulse(long nowNanos) {
    if ((routingDirty || storeDirty) && nowNanos - lastRefresh >= MIN_INTERVAL_NANOS) {
      lastRefresh = nowNanos;
      refresh();
    }
  }

  /** Takes both snapshots now, whatever changed. */
  public void refreshNow() {
    routingDirty = true;
    storeDirty = true;
    refresh();
  }

  /** Marks the store as changed (after clearing it, which publishes no event). */
  public void storeChanged() {
    storeDirty = true;
  }

  private void refresh() {
    if (routingDirty) {
      routingDirty = false;
      routing.set(routingSource.get());
    }
    if (storeDirty) {
      storeDirty = false;
      store.set(storeSource.get());
    }
  }

  /** The latest routing snapshot. */
  public ReadOnlyObjectProperty<RoutingSnapshot> routingProperty() {
    return routing;
  }

  /** The latest store snapshot. */
  public ReadOnlyObjectProperty<StoreSnapshot> storeProperty() {
    return store;
  }
}
