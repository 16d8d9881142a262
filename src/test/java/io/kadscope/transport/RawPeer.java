package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.engine.rpc.Request;
import io.kadscope.engine.rpc.Response;
import io.kadscope.wire.Datagram;
import io.kadscope.wire.MessageId;
import io.kadscope.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/** A peer made of a plain java.net socket on 127.0.0.1, to send exactly the bytes a test wants. */
final class RawPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final WireCodec codec = new WireCodec();
  private final Random random = new Random(7);

  RawPeer() {
    this(InetAddress.getLoopbackAddress());
  }

  /** A peer on {@code ip} (another loopback address, say 127.0.0.2), on a free port. */
  RawPeer(InetAddress ip) {
    try {
      socket = new DatagramSocket(new InetSocketAddress(ip, 0));
      socket.setSoTimeout(5000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  void sendRequest(MessageId id, Request request, InetSocketAddress to) {
    send(bytes(codec.encodeRequest(id, request)), to);
  }

  void sendResponse(MessageId id, Response response, InetSocketAddress to) {
    send(bytes(codec.encodeResponse(id, response)), to);
  }

  /** The next datagram, waiting at most 5 s (a blocking receive with a timeout, not a sleep). */
  byte[] receive() {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Arrays.copyOf(buf, p.getLength());
  }

  /** The next datagram, which must be a request; returns it decoded. */
  Datagram.OfRequest receiveRequest() {
    Datagram d = codec.decode(receive());
    assertThat(d).isInstanceOf(Datagram.OfRequest.class);
    return (Datagram.OfRequest) d;
  }

  /**
   * Sends a stun request to {@code port} and waits for its answer, which must be the next datagram
   * to arrive here. The port handles datagrams in order on one loop, so once it has answered, it
   * has handled everything this peer sent before — and answered none of it.
   */
  void sync(InetSocketAddress port) {
    MessageId id = randomId();
    sendRequest(id, new Request.Stun(), port);
    Datagram d = codec.decode(receive());
    assertThat(d).isInstanceOf(Datagram.OfResponse.class);
    assertThat(d.id()).as("the next datagram answers the stun, nothing earlier").isEqualTo(id);
  }

  MessageId randomId() {
    byte[] b = new byte[MessageId.BYTES];
    random.nextBytes(b);
    return MessageId.of(b);
  }

  static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  @Override
  public void close() {
    socket.close();
  }
}
