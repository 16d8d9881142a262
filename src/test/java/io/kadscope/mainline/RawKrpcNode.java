package io.kadscope.mainline;

import io.kadscope.krpc.BBytes;
import io.kadscope.krpc.ErrorCode;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcFormatException;
import io.kadscope.krpc.KrpcMessage;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcRawResponse;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.Reply;
import io.kadscope.krpc.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bare Mainline node for tests on a plain {@link DatagramSocket} on 127.0.0.1: it sends queries
 * built with {@link KrpcCodec} and answers the queries it gets with the pieces of this package
 * (tokens from {@link TokenIssuer}, puts judged by {@link ItemRules}), holding no routing table and
 * storing nothing. It keeps every query it receives.
 */
final class RawKrpcNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RawKrpcNode.class);
  private static final long ANSWER_SECONDS = 10;

  private final KrpcCodec codec = new KrpcCodec();
  private final DatagramSocket socket;
  private final Id160 id;
  private final TokenIssuer tokens = new TokenIssuer(Clock.systemUTC(), new SecureRandom());
  private final Map<TransactionId, CompletableFuture<KrpcMessage>> pending =
      new ConcurrentHashMap<>();
  private final List<KrpcQuery> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger transactions = new AtomicInteger();

  /** A node with id {@code id} on a port the kernel picks. */
  RawKrpcNode(Id160 id) throws SocketException {
    this.id = id;
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread t = new Thread(this::receive, "raw KRPC node " + socket.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  Id160 id() {
    return id;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** The queries received so far, decoded. */
  List<KrpcQuery> received() {
    return List.copyOf(received);
  }

  /** Sends {@code query} to {@code to}; completes with the raw response or the error. */
  CompletableFuture<KrpcMessage> send(InetSocketAddress to, Query query) {
    TransactionId t = TransactionId.ofShort(transactions.incrementAndGet() & 0xffff);
    CompletableFuture<KrpcMessage> answer = new CompletableFuture<>();
    pending.put(t, answer);
    KrpcQuery q = KrpcQuery.of(t, id, query).withClientVersion(KrpcCodec.CLIENT_VERSION);
    sendBytes(codec.encode(q), to);
    return answer
        .orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS)
        .whenComplete((m, e) -> pending.remove(t));
  }

  /** Sends {@code query} and returns the typed response; fails if the answer is an error. */
  KrpcResponse ask(InetSocketAddress to, Query query) {
    KrpcMessage m = await(send(to, query));
    if (m instanceof KrpcError e) {
      throw new AssertionError(
          "expected a reply to " + query.kind() + " from " + to + ", found " + e);
    }
    return codec.decodeResponse(query, (KrpcRawResponse) m);
  }

  /** Sends {@code query} and returns the error it is answered with; fails on a reply. */
  KrpcError askForError(InetSocketAddress to, Query query) {
    KrpcMessage m = await(send(to, query));
    if (m instanceof KrpcError e) {
      return e;
    }
    throw new AssertionError("expected an error from " + to + ", found " + m);
  }

  private static KrpcMessage await(CompletableFuture<KrpcMessage> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new AssertionError("no answer within " + ANSWER_SECONDS + " s", e.getCause());
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void receive() {
    byte[] buf = new byte[KrpcCodec.MAX_DATAGRAM_BYTES + 1];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      KrpcMessage m;
      try {
        m = codec.decode(p.getData(), p.getOffset(), p.getLength());
      } catch (KrpcFormatException e) {
        LOG.warn("bad datagram from {}: {}", from, e.getMessage());
        e.queryTransaction()
            .ifPresent(t -> reply(KrpcError.of(t, ErrorCode.PROTOCOL, e.getMessage()), from));
        continue;
      }
      if (m instanceof KrpcQuery q) {
        received.add(q);
        answer(q, from);
      } else {
        CompletableFuture<KrpcMessage> f = pending.get(m.transaction());
        if (f != null) {
          f.complete(m);
        }
      }
    }
  }

  private void answer(KrpcQuery q, InetSocketAddress from) {
    Optional<BBytes> token = Optional.of(tokens.issue(from.getAddress()));
    Reply reply;
    switch (q.query().kind()) {
      case PING:
        reply = new Reply.Ping();
        break;
      case FIND_NODE:
        reply = new Reply.FindNode(List.of(), List.of());
        break;
      case GET_PEERS:
        reply = new Reply.GetPeers(token, List.of(), List.of(), List.of());
        break;
      case GET:
        reply = Reply.Get.nodesOnly(token, List.of());
        break;
      case ANNOUNCE_PEER:
        if (!tokens.accepts(((Query.AnnouncePeer) q.query()).token(), from.getAddress())) {
          reply(error(q, ErrorCode.PROTOCOL, "invalid token"), from);
          return;
        }
        reply = new Reply.AnnouncePeer();
        break;
      case PUT:
        Query.Put put = (Query.Put) q.query();
        if (!tokens.accepts(put.token(), from.getAddress())) {
          reply(error(q, ErrorCode.PROTOCOL, "invalid token"), from);
          return;
        }
        if (ItemRules.checkPut(put, Optional.empty()) instanceof PutDecision.Refuse r) {
          reply(error(q, r.code(), r.message()), from);
          return;
        }
        reply = new Reply.Put();
        break;
      default:
        reply(error(q, ErrorCode.METHOD_UNKNOWN, "Method Unknown"), from);
        return;
    }
    KrpcResponse r =
        KrpcResponse.of(q.transaction(), id, reply)
            .withRequesterAddress(from)
            .withClientVersion(KrpcCodec.CLIENT_VERSION);
    sendBytes(codec.encode(r), from);
  }

  private KrpcError error(KrpcQuery q, ErrorCode code, String message) {
    return KrpcError.of(q.transaction(), code, message).withResponder(id);
  }

  private void reply(KrpcError e, InetSocketAddress to) {
    sendBytes(codec.encode(e), to);
  }

  private void sendBytes(byte[] bytes, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
