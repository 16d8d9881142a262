package io.kadscope.gui.map;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.lookup.LookupResult;
import io.kadscope.gui.common.KeyHolders;
import io.kadscope.gui.fx.Notifier;
import io.kadscope.gui.session.NodeSession;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The network map: every peer of the network on the ring of ids. On a simulated network the
 * simulator knows them all; on a live one a {@link Crawl} finds them, with its progress. Either way
 * the network's size is estimated from the density of the k closest ids ({@link SizeEstimate}), and
 * the holders of the key last set or got are lit.
 */
public final class NetworkMapViewModel {
  /** Lookups in flight at once during a crawl. */
  public static final int CRAWL_PARALLEL = 3;

  /** The most lookups a crawl makes: enough for some 20,000 peers. */
  public static final int CRAWL_MAX_LOOKUPS = 2_000;

  /** Random targets the estimate of a simulated network averages over. */
  public static final int SIM_TARGETS = 32;

  private final NodeSession session;
  private final Executor fx;
  private final Notifier notifier;
  private final Consumer<NodeId> pick;
  private final ObjectProperty<List<NodeId>> peers = new SimpleObjectProperty<>(List.of());
  private final ObjectProperty<KeyHolders.Lit> lit = new SimpleObjectProperty<>();
  private final StringProperty summary = new SimpleStringProperty("");
  private final StringProperty estimateText = new SimpleStringProperty("");
  private final DoubleProperty progress = new SimpleDoubleProperty(0);
  private final BooleanProperty crawling = new SimpleBooleanProperty(false);
  private Crawl crawl;

  /**
   * @param fx runs completions on the FX thread
   * @param pick makes a peer of a simulated network "you" (the window opens again from it)
   */
  public NetworkMapViewModel(
      NodeSession session,
      KeyHolders holders,
      Executor fx,
      Notifier notifier,
      Consumer<NodeId> pick) {
    this.session = session;
    this.fx = fx;
    this.notifier = notifier;
    this.pick = pick;
    holders.litProperty().addListener((o, a, l) -> light(l));
    light(holders.litProperty().get());
    if (simulated()) {
      List<NodeId> all = session.simulatedIds();
      peers.set(all);
      summary.set(String.format("%,d peers, every one of the simulated network", all.size()));
      estimateText.set("estimating the size from the density of ids…");
      CompletableFuture.supplyAsync(() -> estimateFromAll(all, session.k(), SIM_TARGETS))
          .thenAccept(e -> fx.execute(() -> estimateText.set(describe(e, all.size()))));
    } else {
      showKnown(List.of());
      estimateText.set("Crawl the network to find its peers and estimate its size.");
    }
  }

  /**
   * Lights a key's holders: on a simulated network every peer that holds it now, asked directly; on
   * a live one, after a get (whose lookup stops at the first holder), the k peers closest to the
   * key, where a set stores it, found by one more node lookup.
   */
  private void light(KeyHolders.Lit l) {
    if (l == null) {
      lit.set(null);
      return;
    }
    if (simulated()) {
      List<NodeId> now = session.simulatedHolders(l.key());
      lit.set(
          new KeyHolders.Lit(
              l.key(),
              l.label(),
              now,
              l.failed(),
              l.source(),
              l.what() + String.format(" · %,d peers hold it now", now.size())));
      return;
    }
    lit.set(l);
    if (l.holders().isEmpty()) {
      session.hideLookupsOf(l.key());
      session
          .findNode(l.key())
          .thenAccept(
              r ->
                  fx.execute(
                      () -> {
                        if (lit.get() == l) {
                          lit.set(
                              new KeyHolders.Lit(
                                  l.key(),
                                  l.label(),
                                  r.closest().stream().map(Contact::id).toList(),
                                  l.failed(),
                                  l.source(),
                                  l.what() + " · in green the k peers closest to the key"));
                        }
                      }));
    }
  }

  /** Whether the window's node is a simulated peer (then the map needs no crawl). */
  public boolean simulated() {
    return session.simulation().isPresent();
  }

  private void showKnown(List<NodeId> found) {
    Set<NodeId> all = new LinkedHashSet<>(found);
    session.routingSnapshot().contacts().forEach(c -> all.add(c.contact().id()));
    peers.set(List.copyOf(all));
    summary.set(
        String.format(
            "%,d peers found: this node's %,d contacts%s",
            all.size(),
            session.routingSnapshot().size(),
            found.isEmpty() ? "" : ", and those the crawl found"));
  }

  /**
   * Crawls a live network: node lookups over the whole id space until every region is found whole
   * (or {@link #CRAWL_MAX_LOOKUPS} were made). Completes when the crawl ends.
   */
  public CompletableFuture<Void> crawl() {
    if (simulated()) {
      notifier.info("The simulator knows every peer: the map shows them all without a crawl.");
      return CompletableFuture.completedFuture(null);
    }
    if (crawling.get()) {
      return CompletableFuture.completedFuture(null);
    }
    if (session.routingSnapshot().size() == 0) {
      String m = "No contacts yet: nobody to ask. Join a network in the Network panel first.";
      estimateText.set(m);
      notifier.error(m);
      return CompletableFuture.completedFuture(null);
    }
    crawling.set(true);
    progress.set(0);
    crawl = new Crawl(this::lookup, session.k(), CRAWL_PARALLEL, CRAWL_MAX_LOOKUPS, new Random());
    List<Contact> known =
        session.routingSnapshot().contacts().stream().map(c -> c.contact()).toList();
    CompletableFuture<Void> done = new CompletableFuture<>();
    crawl
        .run(
            known,
            (fraction, text) ->
                fx.execute(
                    () -> {
                      progress.set(fraction);
                      estimateText.set("crawling: " + text);
                    }))
        .whenComplete(
            (r, err) ->
                fx.execute(
                    () -> {
                      crawling.set(false);
                      if (err != null) {
                        estimateText.set("The crawl failed: " + err.getMessage());
                      } else {
                        finished(r);
                      }
                      done.complete(null);
                    }));
    return done;
  }

  private CompletableFuture<List<Contact>> lookup(NodeId target) {
    session.hideLookupsOf(target);
    return session.findNode(target).thenApply(LookupResult::closest);
  }

  private void finished(Crawl.Result r) {
    progress.set(r.covered());
    showKnown(new ArrayList<>(r.found().keySet()));
    String end =
        r.stoppedEarly()
            ? String.format(
                "stopped after %,d lookups with %.0f %% of the id space covered",
                r.lookups(), 100 * r.covered())
            : String.format("every region of the id space crawled, in %,d lookups", r.lookups());
    estimateText.set(describe(r.estimate(), peers.get().size() + 1) + " · " + end);
  }

  /** Stops the crawl: lookups in flight end, no new one starts. */
  public void cancel() {
    if (crawl != null) {
      crawl.cancel();
    }
  }

  /** Makes the peer nearest a click "you", on a simulated network. */
  public void choose(NodeId id) {
    if (!simulated()) {
      notifier.info("Only on a simulated network can the window be another peer.");
      return;
    }
    if (!id.equals(session.id())) {
      pick.accept(id);
    }
  }

  /** The size estimate from {@code targets} random targets over every id: no lookup needed. */
  static SizeEstimate estimateFromAll(List<NodeId> ids, int k, int targets) {
    SizeEstimate e = new SizeEstimate();
    Random random = new Random(ids.size());
    for (int t = 0; t < targets; t++) {
      NodeId target = NodeId.random(random);
      PriorityQueue<NodeId> farthestFirst =
          new PriorityQueue<>((a, b) -> target.compareDistance(b, a));
      for (NodeId id : ids) {
        farthestFirst.add(id);
        if (farthestFirst.size() > k) {
          farthestFirst.poll();
        }
      }
      e.add(target, new ArrayList<>(farthestFirst), k);
    }
    return e;
  }

  private static String describe(SizeEstimate e, int counted) {
    if (e.samples() == 0) {
      return "too few peers to estimate the size (a lookup must return k of them)";
    }
    return String.format(
        "n ≈ %,.0f estimated from the density of the k closest ids (%s, over %d targets); %,d"
            + " counted",
        e.value(), "(k − 1) · 2¹⁶⁰ / d_k", e.samples(), counted);
  }

  /** Every peer to draw. */
  public ReadOnlyObjectProperty<List<NodeId>> peersProperty() {
    return peers;
  }

  /** The window's node. */
  public NodeId you() {
    return session.id();
  }

  /** The holders of the key set or got last, or null. */
  public ReadOnlyObjectProperty<KeyHolders.Lit> litProperty() {
    return lit;
  }

  /** The key lit, by name, when one is. */
  public Optional<String> litLabel() {
    return Optional.ofNullable(lit.get()).map(KeyHolders.Lit::label);
  }

  /** How many peers show, and where they come from. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary;
  }

  /** The size estimate and how it was made, or the crawl's progress in words. */
  public ReadOnlyStringProperty estimateProperty() {
    return estimateText;
  }

  /** The crawl's progress, from 0 to 1. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress;
  }

  /** Whether a crawl runs. */
  public ReadOnlyBooleanProperty crawlingProperty() {
    return crawling;
  }
}
