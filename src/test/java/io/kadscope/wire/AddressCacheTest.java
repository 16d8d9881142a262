package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressCacheTest {
  private final AddressCache cache = new AddressCache();
  private final Random random = new Random(7123);

  @Test
  void ip_isTheParsedAddress_forManyMoreLiteralsThanSlots_andTheSameInstanceWhenRepeated()
      throws Exception {
    for (int i = 0; i < 20 * AddressCache.SLOTS; i++) {
      String literal =
          i % 3 == 0
              ? "fd00:" + Integer.toHexString(random.nextInt(0x10000)) + "::" + (i % 50)
              : random.nextInt(256) + "." + random.nextInt(256) + "." + i % 256 + ".1";
      byte[] framed = ("[" + literal + "]").getBytes(StandardCharsets.US_ASCII);

      InetAddress first = cache.ip(framed, 1, framed.length - 2);
      InetAddress again = cache.ip(framed, 1, framed.length - 2);

      assertThat(first).as(literal).isEqualTo(InetAddress.getByName(literal));
      assertThat(again).as(literal).isSameAs(first);
    }
  }

  @Test
  void ip_ofWhatIsNotALiteral_isNull_everyTime() {
    byte[] name = "localhost".getBytes(StandardCharsets.US_ASCII);

    assertThat(cache.ip(name, 0, name.length)).isNull();
    assertThat(cache.ip(name, 0, name.length)).isNull();
  }

  @Test
  void socket_keepsTheIpAndPort_andSharesAnInstanceOnlyForTheSameOnes() throws Exception {
    InetAddress a = InetAddress.getByName("127.0.0.1");
    InetAddress b = InetAddress.getByName("10.0.0.2");
    for (int i = 0; i < 10 * AddressCache.SLOTS; i++) {
      InetAddress ip = i % 2 == 0 ? a : b;
      int port = 1 + random.nextInt(65535);

      InetSocketAddress s = cache.socket(ip, port);

      assertThat(s).isEqualTo(new InetSocketAddress(ip, port));
      assertThat(cache.socket(ip, port)).isSameAs(s);
      assertThat(cache.socket(ip, port == 65535 ? 1 : port + 1).getPort())
          .isEqualTo(port == 65535 ? 1 : port + 1);
    }
  }
}
