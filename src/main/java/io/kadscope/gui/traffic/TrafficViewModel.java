package io.kadscope.gui.traffic;

import io.kadscope.engine.NodeId;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.gui.common.IdText;
import io.kadscope.gui.fx.FxBatchListener;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The RPCs in and out of the node: exact counts of every kind, the latest {@link #MAX_ROWS} as rows
 * (filterable), and the rates for the status bar. Counts never miss an event; only the rows are
 * capped, so a burst cannot grow the table without bound.
 */
public final class TrafficViewModel implements FxBatchListener {
  /** Rows kept; older ones are dropped from the table but stay in the counts. */
  public static final int MAX_ROWS = 2000;

  /**
   * How often new rows reach the table: 5 times a second. Counts change with every event; the
   * table, whose every change costs a layout, changes at this pace however fast events come.
   */
  public static final long FLUSH_INTERVAL_NANOS = 200_000_000;

  /** The window of the rates, in seconds. */
  public static final int RATE_WINDOW_SECONDS = 5;

  private final Clock clock;
  private final ObservableList<TrafficRow> rows = FXCollections.observableArrayList();
  private final FilteredList<TrafficRow> visible = new FilteredList<>(rows, r -> true);
  private final Map<Long, TrafficRow> pending = new HashMap<>();
  private final List<TrafficRow> unshown = new ArrayList<>();
  private long lastFlush = Long.MIN_VALUE / 2;
  private final LongProperty sent = new SimpleLongProperty();
  private final LongProperty answered = new SimpleLongProperty();
  private final LongProperty timedOut = new SimpleLongProperty();
  private final LongProperty failed = new SimpleLongProperty();
  private final LongProperty received = new SimpleLongProperty();
  private final DoubleProperty outRate = new SimpleDoubleProperty();
  private final DoubleProperty inRate = new SimpleDoubleProperty();
  private final StringProperty filter = new SimpleStringProperty("");
  private final BooleanProperty failuresOnly = new SimpleBooleanProperty(false);
  private boolean failuresSinceFlush;
  private final StringProperty summary = new SimpleStringProperty("");
  private final RateMeter outMeter = new RateMeter(RATE_WINDOW_SECONDS);
  private final RateMeter inMeter = new RateMeter(RATE_WINDOW_SECONDS);

  public TrafficViewModel(Clock clock) {
    this.clock = clock;
    filter.addListener((o, a, b) -> refilter());
    failuresOnly.addListener((o, a, b) -> refilter());
    updateSummary();
  }

  private void refilter() {
    String text = filter.get() == null ? "" : filter.get().trim().toLowerCase(Locale.ROOT);
    boolean bad = failuresOnly.get();
    visible.setPredicate(
        r ->
            r.matches(text)
                && (!bad
                    || r.statusProperty().get() == TrafficRow.Status.TIMEOUT
                    || r.statusProperty().get() == TrafficRow.Status.FAILED));
  }

  @Override
  public void onEvents(List<EngineEvent> batch) {
    List<TrafficRow> fresh = new ArrayList<>();
    for (EngineEvent e : batch) {
      if (e instanceof EngineEvent.RpcSent s) {
        sent.set(sent.get() + 1);
        outMeter.record(s.at());
        TrafficRow row = new TrafficRow(s.at(), true, s.rpc(), peer(s.to(), s.toId()));
        pending.put(s.rpcId(), row);
        fresh.add(row);
      } else if (e instanceof EngineEvent.RpcAnswered a) {
        answered.set(answered.get() + 1);
        TrafficRow row = pending.remove(a.rpcId());
        if (row != null) {
          row.complete(TrafficRow.Status.ANSWERED, a.summary(), IdText.millis(a.latency()));
        }
      } else if (e instanceof EngineEvent.RpcFailed f) {
        if (f.timeout()) {
          timedOut.set(timedOut.get() + 1);
        } else {
          failed.set(failed.get() + 1);
        }
        TrafficRow row = pending.remove(f.rpcId());
        if (row != null) {
          failuresSinceFlush = true;
          row.complete(
              f.timeout() ? TrafficRow.Status.TIMEOUT : TrafficRow.Status.FAILED,
              f.timeout() ? "timeout" : f.reason(),
              IdText.millis(f.elapsed()));
        }
      } else if (e instanceof EngineEvent.RpcReceived r) {
        received.set(received.get() + 1);
        inMeter.record(r.at());
        TrafficRow row = new TrafficRow(r.at(), false, r.rpc(), peer(r.from(), r.fromId()));
        row.complete(TrafficRow.Status.SERVED, "answered", "");
        fresh.add(row);
      }
    }
    unshown.addAll(fresh);
    if (unshown.size() > MAX_ROWS) {
      unshown.subList(0, unshown.size() - MAX_ROWS).clear();
    }
    if (pending.size() > 4 * MAX_ROWS) {
      pending.clear();
    }
  }

  @Override
  public void onPulse(long nowNanos) {
    if (nowNanos - lastFlush >= FLUSH_INTERVAL_NANOS) {
      lastFlush = nowNanos;
      flush();
      var now = clock.instant();
      outRate.set(outMeter.rate(now));
      inRate.set(inMeter.rate(now));
    }
  }

  /**
   * Moves the rows that arrived since the last flush into the table, in one change; with "failures
   * only" on, rows shown earlier that have failed since are let through too.
   */
  public void flush() {
    if (failuresSinceFlush && failuresOnly.get()) {
      refilter();
    }
    failuresSinceFlush = false;
    if (!unshown.isEmpty()) {
      int excess = rows.size() + unshown.size() - MAX_ROWS;
      if (excess >= rows.size()) {
        rows.setAll(unshown);
      } else {
        if (excess > 0) {
          rows.remove(0, excess);
        }
        rows.addAll(unshown);
      }
      unshown.clear();
    }
    updateSummary();
  }

  private void updateSummary() {
    summary.set(
        String.format(
            "sent %,d · answered %,d · timed out %,d · failed %,d · received %,d · showing the"
                + " last %,d rows",
            sent.get(), answered.get(), timedOut.get(), failed.get(), received.get(), rows.size()));
  }

  private static String peer(InetSocketAddress a, Optional<NodeId> id) {
    String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
    return host + ":" + a.getPort() + id.map(i -> "  " + IdText.shortHex(i)).orElse("");
  }

  /** Every row kept, oldest first. */
  public ObservableList<TrafficRow> rows() {
    return rows;
  }

  /** The rows that pass the filter. */
  public FilteredList<TrafficRow> visibleRows() {
    return visible;
  }

  public ReadOnlyLongProperty sentProperty() {
    return sent;
  }

  public ReadOnlyLongProperty answeredProperty() {
    return answered;
  }

  public ReadOnlyLongProperty timedOutProperty() {
    return timedOut;
  }

  public ReadOnlyLongProperty failedProperty() {
    return failed;
  }

  public ReadOnlyLongProperty receivedProperty() {
    return received;
  }

  /** Requests sent per second. */
  public ReadOnlyDoubleProperty outRateProperty() {
    return outRate;
  }

  /** Requests received per second. */
  public ReadOnlyDoubleProperty inRateProperty() {
    return inRate;
  }

  /** Text a row must contain to show. */
  public StringProperty filterProperty() {
    return filter;
  }

  /** Show only timeouts and failures. */
  public BooleanProperty failuresOnlyProperty() {
    return failuresOnly;
  }

  public ReadOnlyStringProperty summaryProperty() {
    return summary;
  }
}
