package io.kadscope.gui.experiments;

import io.kadscope.engine.Futures;
import io.kadscope.gui.fx.Notifier;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Experiments view: runs a sweep of simulated networks of 100 to 100,000 peers, with loss and
 * churn as inputs, a progress bar and cancel, and collects its points for the charts: rounds (and
 * hop depth) per lookup, mean and 99th percentile, and RPCs per lookup, against the size, beside
 * log2 n.
 */
public final class ExperimentsViewModel {
  private static final Logger log = LoggerFactory.getLogger(ExperimentsViewModel.class);

  /** The sizes offered as a sweep's largest network. */
  public static final List<Integer> MAX_SIZES = List.of(1_000, 10_000, 100_000);

  private final SweepRunner runner;
  private final Notifier notifier;
  private final Executor fx;
  private final IntegerProperty maxNodes = new SimpleIntegerProperty(10_000);
  private final StringProperty lookups = new SimpleStringProperty("200");
  private final StringProperty loss = new SimpleStringProperty("0");
  private final StringProperty churn = new SimpleStringProperty("0");
  private final StringProperty seed = new SimpleStringProperty("1");
  private final ObservableList<SweepPoint> points = FXCollections.observableArrayList();
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final StringProperty status = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private SweepRunner.Sweep sweep;

  /**
   * @param runner runs the sweeps, or null when this build has none
   * @param fx runs completions on the FX thread
   */
  public ExperimentsViewModel(SweepRunner runner, Notifier notifier, Executor fx) {
    this.runner = runner;
    this.notifier = notifier;
    this.fx = fx;
    status.set(
        runner == null
            ? "This build has no simulator to run sweeps on."
            : "Pick the largest network, the loss and the churn, then Run: each size is built by"
                + " indexed joins and measured by random node lookups.");
  }

  /** Starts a sweep with the inputs as typed; says what is wrong with them instead when needed. */
  public void run() {
    if (runner == null || running.get()) {
      return;
    }
    SweepSpec spec;
    try {
      spec =
          new SweepSpec(
              maxNodes.get(),
              parseInt(lookups.get(), "lookups per size"),
              parseFraction(loss.get(), "loss"),
              parseFraction(churn.get(), "churn"),
              parseLong(seed.get(), "seed"));
    } catch (IllegalArgumentException e) {
      fail(capitalised(e.getMessage()) + ".");
      return;
    }
    points.clear();
    progress.set(0);
    running.set(true);
    status.set("starting…");
    sweep =
        runner.start(
            spec,
            p -> fx.execute(() -> points.add(p)),
            (fraction, text) ->
                fx.execute(
                    () -> {
                      if (running.get()) {
                        progress.set(fraction);
                        status.set(text);
                      }
                    }));
    sweep
        .done()
        .whenComplete(
            (all, err) ->
                fx.execute(
                    () -> {
                      running.set(false);
                      if (err == null) {
                        log.info("sweep done: {} sizes measured", all.size());
                        progress.set(1);
                        status.set(
                            "Done: "
                                + all.size()
                                + (all.size() == 1 ? " size" : " sizes")
                                + " measured.");
                      } else if (Futures.unwrap(err) instanceof CancellationException) {
                        status.set(
                            "Cancelled: the "
                                + points.size()
                                + (points.size() == 1 ? " size" : " sizes")
                                + " measured before stay on the chart.");
                      } else {
                        fail("The sweep failed: " + Futures.unwrap(err).getMessage());
                      }
                    }));
  }

  /** Cancels the sweep under way. */
  public void cancel() {
    if (sweep != null && running.get()) {
      sweep.cancel();
    }
  }

  private void fail(String m) {
    status.set(m);
    notifier.error(m);
  }

  private static int parseInt(String s, String what) {
    try {
      return Integer.parseInt(s.trim().replace(",", ""));
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(what + " is a whole number, found \"" + s + "\"");
    }
  }

  private static long parseLong(String s, String what) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException(what + " is a whole number, found \"" + s + "\"");
    }
  }

  /** A fraction typed as 0.05 or as 5 %. */
  private static double parseFraction(String s, String what) {
    String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("%")) {
        return Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100;
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + " is a fraction such as 0.05 or 5 %, found \"" + s + "\"");
    }
  }

  private static String capitalised(String m) {
    return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
  }

  /** Whether a runner is there to run sweeps. */
  public boolean available() {
    return runner != null;
  }

  public IntegerProperty maxNodesProperty() {
    return maxNodes;
  }

  public StringProperty lookupsProperty() {
    return lookups;
  }

  public StringProperty lossProperty() {
    return loss;
  }

  public StringProperty churnProperty() {
    return churn;
  }

  public StringProperty seedProperty() {
    return seed;
  }

  /** The points measured, smallest network first. */
  public ObservableList<SweepPoint> points() {
    return points;
  }

  public ReadOnlyDoubleProperty progressProperty() {
    return progress;
  }

  public ReadOnlyStringProperty statusProperty() {
    return status;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running;
  }
}
