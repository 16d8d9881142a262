package io.kadscope.sim;

import io.kadscope.engine.Contact;
import io.kadscope.engine.KademliaNode;
import io.kadscope.engine.NodeId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A node lookup run by direct calls instead of messages, for building a network fast: the asker's
 * pipelined lookup as the engine runs it when every message takes the same time (α requests in
 * flight, answers taken in the order asked, the next request to the closest contact not yet asked
 * among the k closest seen, until those k have all answered), where a request is a call to the
 * queried peer's table ({@link KademliaNode#closestContacts}) and each request and answer is
 * recorded in both tables ({@link KademliaNode#addContact}), as the request and its answer would
 * be.
 */
final class DirectLookup {
  private static final byte NEW = 0;
  private static final byte ASKED = 1;
  private static final byte ANSWERED = 2;

  /**
   * Records that {@code asker} queried {@code answerer}, which answered; returns the answerer's
   * node, or null when it is not in the network.
   */
  @FunctionalInterface
  interface Meeting {
    KademliaNode met(KademliaNode asker, Contact answerer);
  }

  private final NodeId target;
  private final int k;
  private final int alpha;
  private final NodeId self;
  private final Contact[] closest;
  private final byte[] state;
  private int size;

  private DirectLookup(NodeId self, NodeId target, int k, int alpha) {
    this.self = self;
    this.target = target;
    this.k = k;
    this.alpha = alpha;
    this.closest = new Contact[k];
    this.state = new byte[k];
  }

  /**
   * Runs a lookup of {@code target} from {@code asker} over the peers of {@code peers}; returns the
   * k closest it heard from, closest first.
   */
  static List<Contact> run(KademliaNode asker, NodeId target, int alpha, Meeting meeting) {
    int k = asker.k();
    DirectLookup l = new DirectLookup(asker.id(), target, k, alpha);
    for (Contact c : asker.closestContacts(target, k, null)) {
      l.offer(c);
    }
    ArrayDeque<Contact> inFlight = new ArrayDeque<>(alpha);
    ArrayDeque<KademliaNode> answerers = new ArrayDeque<>(alpha);
    while (true) {
      boolean allAnswered = true;
      for (int i = 0; i < l.size; i++) {
        if (l.state[i] != ANSWERED) {
          allAnswered = false;
        }
        if (l.state[i] == NEW && inFlight.size() < alpha) {
          l.state[i] = ASKED;
          inFlight.add(l.closest[i]);
          KademliaNode answerer = meeting.met(asker, l.closest[i]);
          answerers.add(answerer == null ? asker : answerer);
        }
      }
      if (allAnswered || inFlight.isEmpty()) {
        break;
      }
      Contact q = inFlight.poll();
      KademliaNode answerer = answerers.poll();
      int at = l.indexOf(q.id());
      if (at >= 0) {
        l.state[at] = ANSWERED;
      }
      if (answerer != asker) {
        for (Contact c : answerer.closestContacts(target, k, l.self)) {
          l.offer(c);
        }
      }
    }
    List<Contact> out = new ArrayList<>(l.size);
    for (int i = 0; i < l.size; i++) {
      out.add(l.closest[i]);
    }
    return out;
  }

  /** Keeps {@code c} if it is among the k closest seen; a contact seen before keeps its state. */
  private void offer(Contact c) {
    NodeId id = c.id();
    if (id.equals(self)) {
      return;
    }
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int cmp = target.compareDistance(closest[mid].id(), id);
      if (cmp == 0) {
        return;
      }
      if (cmp < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo >= k) {
      return;
    }
    int moved = Math.min(size, k - 1) - lo;
    System.arraycopy(closest, lo, closest, lo + 1, moved);
    System.arraycopy(state, lo, state, lo + 1, moved);
    closest[lo] = c;
    state[lo] = NEW;
    size = Math.min(size + 1, k);
  }

  private int indexOf(NodeId id) {
    for (int i = 0; i < size; i++) {
      if (closest[i].id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
