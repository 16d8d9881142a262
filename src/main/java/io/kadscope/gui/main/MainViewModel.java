package io.kadscope.gui.main;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.routing.RoutingSnapshot;
import io.kadscope.gui.common.LookupFollower;
import io.kadscope.gui.common.SnapshotCache;
import io.kadscope.gui.fx.FxBatchListener;
import io.kadscope.gui.session.NodeSession;
import io.kadscope.gui.traffic.TrafficViewModel;
import java.net.InetSocketAddress;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;

/**
 * The window's frame: the title, the page of views that shows, and the status bar (address, id,
 * contacts, RPC rates, and the latest news: start-up progress, evictions).
 */
public final class MainViewModel implements FxBatchListener, LookupFollower {
  /** The pages of views, in the order of their tabs. */
  public enum Page {
    RING,
    TREE,
    BUCKETS,
    LOOKUPS,
    TRAFFIC,
    MAP,
    EXPERIMENTS
  }

  private final NodeSession session;
  private final SnapshotCache snapshots;
  private final TrafficViewModel traffic;
  private final StringProperty status = new SimpleStringProperty("starting…");
  private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.RING);

  public MainViewModel(NodeSession session, SnapshotCache snapshots, TrafficViewModel traffic) {
    this.session = session;
    this.snapshots = snapshots;
    this.traffic = traffic;
  }

  /** The node's address, {@code 127.0.0.1:41000}. */
  public String address() {
    InetSocketAddress a = session.address();
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return host + ":" + a.getPort();
  }

  /** The id's first hex digits. */
  public String idPrefix() {
    return session.id().shortHex(10) + "…";
  }

  /** The window title. */
  public String title() {
    return "KadScope — node " + address() + "  id " + idPrefix();
  }

  /** {@code 14 contacts · k = 4}. */
  public ObservableStringValue contactsText() {
    return Bindings.createStringBinding(
        () -> {
          RoutingSnapshot s = snapshots.routingProperty().get();
          return s == null
              ? ""
              : s.size() + (s.size() == 1 ? " contact" : " contacts") + " · k = " + s.k();
        },
        snapshots.routingProperty());
  }

  /** {@code RPC out 12.4/s · in 8.0/s}. */
  public ObservableStringValue ratesText() {
    return Bindings.createStringBinding(
        () ->
            String.format(
                "RPC out %.1f/s · in %.1f/s",
                traffic.outRateProperty().get(), traffic.inRateProperty().get()),
        traffic.outRateProperty(),
        traffic.inRateProperty());
  }

  /** The latest news: start-up progress, what the network is doing. */
  public ReadOnlyStringProperty statusProperty() {
    return status;
  }

  /** Sets the news line. */
  public void setStatus(String s) {
    status.set(s);
  }

  /** The page that shows; the user picks it by its tab, and a followed lookup brings its own. */
  public ObjectProperty<Page> pageProperty() {
    return page;
  }

  /** Tells of each eviction in the news line: who, from which bucket, after how many failures. */
  @Override
  public void onEvents(List<EngineEvent> batch) {
    for (EngineEvent e : batch) {
      if (e instanceof EngineEvent.ContactEvicted ev) {
        setStatus(
            "evicted "
                + ev.contact()
                + " from bucket "
                + ev.bucketIndex()
                + " after "
                + ev.failures()
                + " unanswered RPCs");
      }
    }
  }

  /** Brings the lookup view to the front, where the user's lookup is about to show. */
  @Override
  public void lookupStarting(NodeId target) {
    page.set(Page.LOOKUPS);
  }
}
