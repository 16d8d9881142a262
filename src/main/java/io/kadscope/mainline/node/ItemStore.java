package io.kadscope.mainline.node;

import io.kadscope.krpc.Id160;
import io.kadscope.mainline.Item;
import io.kadscope.mainline.MutableItem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * The BEP 44 items put on this node, by target: each kept for {@link #LIFETIME} after its last put,
 * and at most {@link #MAX_ITEMS} of them (a put beyond that drops the item put longest ago).
 * Whether a put may replace what is here is {@link io.kadscope.mainline.ItemRules}'s to say.
 * Thread-safe.
 */
public final class ItemStore {
  /** How long an item holds without a new put: BEP 44 lets storing nodes drop it after 2 hours. */
  public static final Duration LIFETIME = Duration.ofHours(2);

  /** Items kept: at most 1,000 bytes of value each, so about a megabyte in all. */
  public static final int MAX_ITEMS = 1_000;

  private record Stored(Item item, Instant putAt) {}

  private final Clock clock;
  private final int max;
  // The item put longest ago comes first: a put moves its target last.
  private final LinkedHashMap<Id160, Stored> byTarget = new LinkedHashMap<>();

  /** A store on {@code clock} with the default bound. */
  public ItemStore(Clock clock) {
    this(clock, MAX_ITEMS);
  }

  /** A store on {@code clock} keeping at most {@code max} items. */
  public ItemStore(Clock clock, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("a store keeps at least 1 item, found " + max);
    }
    this.clock = clock;
    this.max = max;
  }

  /** Keeps {@code item} under its target from now, replacing what was there. */
  public synchronized void put(Item item) {
    byTarget.remove(item.target());
    byTarget.put(item.target(), new Stored(item, clock.instant()));
    if (byTarget.size() > max) {
      Iterator<Id160> eldest = byTarget.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** The item under {@code target}, if one was put within {@link #LIFETIME}. */
  public synchronized Optional<Item> get(Id160 target) {
    Stored s = byTarget.get(target);
    if (s == null || !s.putAt().isAfter(clock.instant().minus(LIFETIME))) {
      return Optional.empty();
    }
    return Optional.of(s.item());
  }

  /** The mutable item under {@code target}, if that is what is held there. */
  public Optional<MutableItem> mutable(Id160 target) {
    return get(target).filter(i -> i instanceof MutableItem).map(i -> (MutableItem) i);
  }

  /** Forgets the items not put within {@link #LIFETIME}; returns how many. */
  public synchronized int expire() {
    Instant oldest = clock.instant().minus(LIFETIME);
    int removed = 0;
    for (Iterator<Stored> it = byTarget.values().iterator(); it.hasNext(); ) {
      if (!it.next().putAt().isAfter(oldest)) {
        it.remove();
        removed++;
      }
    }
    return removed;
  }

  /** Items held. */
  public synchronized int size() {
    return byTarget.size();
  }
}
