package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.NodeId;
import io.kadscope.krpc.Id160;
import io.kadscope.krpc.KrpcCodec;
import io.kadscope.krpc.KrpcError;
import io.kadscope.krpc.KrpcMessage;
import io.kadscope.krpc.KrpcQuery;
import io.kadscope.krpc.KrpcRawResponse;
import io.kadscope.krpc.KrpcResponse;
import io.kadscope.krpc.Query;
import io.kadscope.krpc.TransactionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Random;

/**
 * A KRPC peer made of a plain java.net socket on 127.0.0.1, sending exactly the messages (or bytes)
 * a test wants, with the codec of {@code io.kadscope.krpc}.
 */
final class RawKrpcPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final KrpcCodec codec = new KrpcCodec();
  private final Random random = new Random(9);
  private final Id160 id;

  RawKrpcPeer(NodeId id) {
    this(id, InetAddress.getLoopbackAddress());
  }

  /** A peer on {@code host}, another loopback address than 127.0.0.1 where a test needs two. */
  RawKrpcPeer(NodeId id, InetAddress host) {
    this.id = KrpcRecords.id(id);
    try {
      socket = new DatagramSocket(new InetSocketAddress(host, 0));
      socket.setSoTimeout(5000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Id160 id() {
    return id;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(byte[] bytes, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(bytes, bytes.length, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void send(KrpcQuery q, InetSocketAddress to) {
    send(codec.encode(q), to);
  }

  void send(KrpcResponse r, InetSocketAddress to) {
    send(codec.encode(r), to);
  }

  void send(KrpcError e, InetSocketAddress to) {
    send(codec.encode(e), to);
  }

  /** The next datagram's bytes, waiting at most 5 s (a blocking receive, not a sleep). */
  byte[] receiveBytes() {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(buf, p.getLength());
  }

  /** The next datagram, decoded. */
  KrpcMessage receive() {
    return codec.decode(receiveBytes());
  }

  /** The next datagram, which must be a query. */
  KrpcQuery receiveQuery() {
    KrpcMessage m = receive();
    assertThat(m).isInstanceOf(KrpcQuery.class);
    return (KrpcQuery) m;
  }

  /** Sends {@code query} to {@code port} and returns the next datagram, its answer. */
  KrpcMessage ask(InetSocketAddress port, Query query) {
    TransactionId t = randomTransaction();
    send(KrpcQuery.of(t, id, query), port);
    KrpcMessage m = receive();
    assertThat(m.transaction()).as("the next datagram answers the query").isEqualTo(t);
    return m;
  }

  /** Asks {@code query} and types the answer, which must be a response. */
  KrpcResponse askForResponse(InetSocketAddress port, Query query) {
    KrpcMessage m = ask(port, query);
    assertThat(m).as("an answer, not an error").isInstanceOf(KrpcRawResponse.class);
    return codec.decodeResponse(query, (KrpcRawResponse) m);
  }

  /** Asks {@code query}, whose answer must be an error. */
  KrpcError askForError(InetSocketAddress port, Query query) {
    KrpcMessage m = ask(port, query);
    assertThat(m).as("an error").isInstanceOf(KrpcError.class);
    return (KrpcError) m;
  }

  /**
   * Pings {@code port}, read-only (BEP 43: do not keep me), and waits for its answer, which must be
   * the next datagram: the port handles datagrams in order on one loop, so once it has answered, it
   * has handled everything this peer sent before, and answered none of it.
   */
  void sync(InetSocketAddress port) {
    TransactionId t = randomTransaction();
    send(KrpcQuery.of(t, id, new Query.Ping()).asReadOnly(), port);
    KrpcMessage m = receive();
    assertThat(m.transaction())
        .as("the next datagram answers the ping, nothing earlier")
        .isEqualTo(t);
  }

  TransactionId randomTransaction() {
    byte[] b = new byte[KrpcRpcPort.TRANSACTION_BYTES];
    random.nextBytes(b);
    return TransactionId.of(b);
  }

  @Override
  public void close() {
    socket.close();
  }
}
