package io.kadscope;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.testing.Lines;
import io.kadscope.transport.UdpNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ping} on real UDP against something that is not a Kademlia peer. */
class PingTest {

  /** A plain UDP echo service on loopback: sends every datagram back to where it came from. */
  private static final class Echo implements AutoCloseable {
    final DatagramSocket socket;
    final Thread thread;

    Echo() throws SocketException {
      socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
      thread =
          new Thread(
              () -> {
                byte[] buf = new byte[65_536];
                while (!socket.isClosed()) {
                  DatagramPacket p = new DatagramPacket(buf, buf.length);
                  try {
                    socket.receive(p);
                    socket.send(
                        new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                  } catch (IOException e) {
                    return; // closed
                  }
                }
              },
              "udp-echo");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws InterruptedException {
      socket.close();
      thread.join(5_000);
    }
  }

  @Test
  void ping_ofAUdpEchoService_exitsOneSayingItIsNoPeer_notPongFromItsOwnId() throws Exception {
    Lines out = new Lines();
    Lines err = new Lines();
    try (Echo echo = new Echo()) {
      int code =
          new Launcher(
                  UdpNodeFactory::new,
                  Map.of(),
                  new ByteArrayInputStream(new byte[0]),
                  out.stream(),
                  err.stream())
              .execute("ping", "127.0.0.1", "" + echo.socket.getLocalPort(), "--timeout", "1");

      assertThat(code).isEqualTo(1);
      assertThat(out.all()).isEmpty();
      assertThat(err.all())
          .contains(
              "kadscope: 127.0.0.1:"
                  + echo.socket.getLocalPort()
                  + " is no Kademlia peer: it sent this ping back as it was (a UDP echo service?)");
    }
  }
}
