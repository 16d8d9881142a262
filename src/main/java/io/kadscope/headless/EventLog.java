package io.kadscope.headless;

import io.kadscope.cli.Addresses;
import io.kadscope.cli.Printable;
import io.kadscope.engine.Contact;
import io.kadscope.engine.event.EngineEvent;
import io.kadscope.engine.event.EngineListener;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs what a person running peers wants to see in {@code docker logs}: contacts added and evicted
 * (who joined, who left), every value stored here with who sent it, where this node's own sets were
 * stored (every holder named), expiries. RPCs, lookups, bucket moves, and a value stored again that
 * was already held (a refresh) go to DEBUG. Runs on the engine's threads, so it only formats and
 * logs.
 */
public final class EventLog implements EngineListener {
  private static final Logger log = LoggerFactory.getLogger("io.kadscope.peer");

  /** The longest value a log line prints before cutting it short. */
  static final int VALUE_CHARS = 200;

  @Override
  public void onEvent(EngineEvent e) {
    if (e instanceof EngineEvent.ValueStored s) {
      log.info(
          "stored key {} = {} from {}",
          s.key().toHex(),
          clip(s.value().display()),
          s.from().map(Contact::toString).orElse("this node"));
    } else if (e instanceof EngineEvent.ContactAdded a) {
      log.info("contact added: {} (bucket {})", a.contact(), a.bucketIndex());
    } else if (e instanceof EngineEvent.ContactEvicted v) {
      log.info(
          "contact evicted: {} (bucket {}) after {} failures: {}",
          v.contact(),
          v.bucketIndex(),
          v.failures(),
          v.reason());
    } else if (e instanceof EngineEvent.ValuePublished p) {
      log.info(
          "set key {}: stored on {} of the {} closest peers{}{}{}",
          p.key().toHex(),
          p.storedOn().size(),
          p.storedOn().size() + p.notAcknowledged().size(),
          p.storedLocally() ? " and here" : "",
          p.storedOn().isEmpty() ? "" : ": " + names(p.storedOn()),
          p.notAcknowledged().isEmpty()
              ? ""
              : "; not acknowledged by " + names(p.notAcknowledged()));
    } else if (e instanceof EngineEvent.ValueExpired x) {
      log.info("value expired: key {}", x.key().toHex());
    } else if (e instanceof EngineEvent.NodeStarted n) {
      log.info("node {} listening on {}", n.node().toHex(), Addresses.format(n.address()));
    } else if (e instanceof EngineEvent.NodeStopped n) {
      log.info("node {} stopped", n.node().toHex());
    } else if (log.isDebugEnabled()) {
      debug(e);
    }
  }

  private static void debug(EngineEvent e) {
    if (e instanceof EngineEvent.RpcSent s) {
      log.debug("rpc #{} {} -> {}", s.rpcId(), s.rpc(), Addresses.format(s.to()));
    } else if (e instanceof EngineEvent.RpcAnswered a) {
      log.debug(
          "rpc #{} {} <- {}: {} in {} ms",
          a.rpcId(),
          a.rpc(),
          Addresses.format(a.to()),
          a.summary(),
          a.latency().toMillis());
    } else if (e instanceof EngineEvent.RpcFailed f) {
      log.debug(
          "rpc #{} {} to {} failed after {} ms: {}",
          f.rpcId(),
          f.rpc(),
          Addresses.format(f.to()),
          f.elapsed().toMillis(),
          f.reason());
    } else if (e instanceof EngineEvent.RpcReceived r) {
      log.debug("request {} from {}", r.rpc(), Addresses.format(r.from()));
    } else if (e instanceof EngineEvent.ContactMoved m) {
      log.debug("contact seen again: {} (bucket {})", m.contact(), m.bucketIndex());
    } else if (e instanceof EngineEvent.ContactCached c) {
      log.debug("contact cached, bucket {} full: {}", c.bucketIndex(), c.contact());
    } else if (e instanceof EngineEvent.BucketSplit b) {
      log.debug("bucket split at depth {}", b.depth());
    } else if (e instanceof EngineEvent.LookupStarted l) {
      log.debug(
          "lookup #{} ({} {}) for {} from {} contacts",
          l.lookupId(),
          l.kind(),
          l.purpose(),
          l.target().shortHex(8),
          l.initial().size());
    } else if (e instanceof EngineEvent.LookupFinished l) {
      log.debug(
          "lookup #{} done: {} closest, {}value, {} rpcs, {} rounds, {} ms",
          l.lookupId(),
          l.closest().size(),
          l.value().isPresent() ? "" : "no ",
          l.rpcs(),
          l.rounds(),
          l.elapsed().toMillis());
    } else if (e instanceof EngineEvent.ValueRefreshed r) {
      log.debug(
          "refreshed key {} (already held) from {}",
          r.key().toHex(),
          r.from().map(Contact::toString).orElse("this node"));
    } else if (e instanceof EngineEvent.ValueDropped d) {
      log.debug("dropped key {} to make room for key {}", d.key().toHex(), d.forKey().toHex());
    } else if (e instanceof EngineEvent.ValueRepublished r) {
      log.debug("republished key {} to {} peers", r.key().toHex(), r.stores());
    }
  }

  private static String names(List<Contact> contacts) {
    return contacts.stream().map(Contact::toString).collect(Collectors.joining(", "));
  }

  /** A value as a log line shows it: control characters escaped (it may come from any peer). */
  private static String clip(String s) {
    return Printable.clip(s, VALUE_CHARS);
  }
}
