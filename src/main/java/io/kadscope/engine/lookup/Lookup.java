package io.kadscope.engine.lookup;

import io.kadscope.engine.Contact;
import io.kadscope.engine.NodeId;
import io.kadscope.engine.Value;
import io.kadscope.engine.rpc.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * One iterative lookup (paper 2.3) with α requests in flight asynchronously: a new request goes out
 * as soon as one answers or fails, rather than round by round. It ends when the k closest contacts
 * seen that did not fail have all answered, or, for a value lookup, at the first value.
 *
 * <p>Depends only on a {@link Querier}, so it runs against a fake network in tests.
 */
public final class Lookup {

  /** Sends the lookup's RPC ({@code find_node} or {@code find_value}) to one contact. */
  @FunctionalInterface
  public interface Querier {
    CompletableFuture<Response> query(Contact to);
  }

  /** Told about each step as it happens. */
  public interface Observer {
    /** Does nothing. */
    Observer NO_OP = new Observer() {};

    /** One RPC of this lookup ended. */
    default void step(
        int seq,
        int round,
        Contact queried,
        List<Contact> returned,
        Optional<Value> value,
        boolean failed,
        Duration latency,
        int bestPrefix) {}
  }

  private enum State {
    NEW,
    IN_FLIGHT,
    ANSWERED,
    FAILED
  }

  private static final class Candidate {
    final Contact contact;
    final int round;
    State state = State.NEW;
    boolean hadNoValue;

    Candidate(Contact contact, int round) {
      this.contact = contact;
      this.round = round;
    }
  }

  private final long id;
  private final LookupKind kind;
  private final NodeId target;
  private final NodeId self;
  private final int k;
  private final int alpha;
  private final Querier querier;
  private final Observer observer;
  private final Clock clock;
  private final Map<NodeId, Candidate> byId = new HashMap<>();
  private final TreeSet<Candidate> byDistance;
  private final CompletableFuture<LookupResult> result = new CompletableFuture<>();
  private int inFlight;
  private int rpcs;
  private int seq;
  private int maxRound;
  private int bestPrefix;
  private boolean done;

  /**
   * @param initial the contacts to start from, normally the k closest the node knows
   */
  public Lookup(
      long id,
      LookupKind kind,
      NodeId target,
      NodeId self,
      int k,
      int alpha,
      List<Contact> initial,
      Querier querier,
      Observer observer,
      Clock clock) {
    this.id = id;
    this.kind = kind;
    this.target = target;
    this.self = self;
    this.k = k;
    this.alpha = alpha;
    this.querier = querier;
    this.observer = observer;
    this.clock = clock;
    this.byDistance =
        new TreeSet<>((a, b) -> target.compareDistance(a.contact.id(), b.contact.id()));
    for (Contact c : initial) {
      offer(c, 1);
    }
  }

  /** Starts the lookup; the future completes when it ends (it never completes exceptionally). */
  public CompletableFuture<LookupResult> run() {
    pump();
    return result;
  }

  /** The lookup's id, as in its events. */
  public long id() {
    return id;
  }

  private void offer(Contact c, int round) {
    if (c.id().equals(self) || byId.containsKey(c.id())) {
      return;
    }
    Candidate cand = new Candidate(c, round);
    byId.put(c.id(), cand);
    byDistance.add(cand);
  }

  private void pump() {
    List<Candidate> toSend = new ArrayList<>();
    LookupResult finished = null;
    synchronized (this) {
      if (done) {
        return;
      }
      int considered = 0;
      boolean allAnswered = true;
      for (Candidate c : byDistance) {
        if (c.state == State.FAILED) {
          continue;
        }
        if (considered++ >= k) {
          break;
        }
        if (c.state != State.ANSWERED) {
          allAnswered = false;
        }
        if (c.state == State.NEW && inFlight < alpha) {
          c.state = State.IN_FLIGHT;
          inFlight++;
          rpcs++;
          toSend.add(c);
        }
      }
      if (allAnswered && toSend.isEmpty()) {
        finished = finish(Optional.empty(), Optional.empty());
      }
    }
    if (finished != null) {
      result.complete(finished);
      return;
    }
    for (Candidate c : toSend) {
      Instant sent = clock.instant();
      CompletableFuture<Response> f;
      try {
        f = querier.query(c.contact);
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((r, err) -> answered(c, r, err, Duration.between(sent, clock.instant())));
    }
  }

  private void answered(Candidate c, Response r, Throwable err, Duration latency) {
    List<Contact> returned = List.of();
    Optional<Value> value = Optional.empty();
    boolean failed = false;
    LookupResult finished = null;
    int stepSeq;
    int best;
    boolean late;
    synchronized (this) {
      late = done;
      inFlight--;
      if (err != null) {
        c.state = State.FAILED;
        failed = true;
      } else if (r instanceof Response.Nodes n) {
        c.state = State.ANSWERED;
        c.hadNoValue = true;
        returned = n.contacts();
        for (Contact nc : returned) {
          offer(nc, c.round + 1);
        }
      } else if (r instanceof Response.FoundValue v && kind == LookupKind.VALUE) {
        c.state = State.ANSWERED;
        value = Optional.of(v.value());
      } else {
        c.state = State.FAILED;
        failed = true;
      }
      if (!failed) {
        maxRound = Math.max(maxRound, c.round);
        bestPrefix = Math.max(bestPrefix, c.contact.id().sharedPrefixLength(target));
      }
      stepSeq = ++seq;
      best = bestPrefix;
      if (!done && value.isPresent()) {
        finished = finish(value, Optional.of(c.contact));
      }
    }
    if (!late) {
      observer.step(stepSeq, c.round, c.contact, returned, value, failed, latency, best);
    }
    if (finished != null) {
      result.complete(finished);
    } else {
      pump();
    }
  }

  private LookupResult finish(Optional<Value> value, Optional<Contact> holder) {
    done = true;
    List<Contact> closest = new ArrayList<>(k);
    for (Candidate c : byDistance) {
      if (c.state == State.ANSWERED) {
        closest.add(c.contact);
        if (closest.size() == k) {
          break;
        }
      }
    }
    return new LookupResult(id, kind, target, closest, value, holder, rpcs, maxRound);
  }

  /**
   * The closest contact that answered this value lookup without the value: where a found value is
   * cached (paper 2.3). Empty for a node lookup or when none answered so.
   */
  public synchronized Optional<Contact> closestWithoutValue() {
    for (Candidate c : byDistance) {
      if (c.hadNoValue) {
        return Optional.of(c.contact);
      }
    }
    return Optional.empty();
  }
}
