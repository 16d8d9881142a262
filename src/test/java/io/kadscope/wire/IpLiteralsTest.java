package io.kadscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "0.0.0.0",
        "255.255.255.255",
        "10.20.30.40",
        "::",
        "::1",
        "1::",
        "fe80::1",
        "2001:db8::8a2e:370:7334",
        "2001:DB8:0:0:0:0:0:1",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "::ffff:192.0.2.1",
        "1:2:3:4:5:6:1.2.3.4",
        "::1.2.3.4"
      })
  void parse_acceptsLiteralsAsTheJdkReadsThem(String literal) throws Exception {
    InetAddress expected = InetAddress.getByName(literal); // a literal: the JDK does no lookup

    assertThat(parse(literal)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1",
        "localhost",
        "example.com",
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1..2.3",
        "1.2.3.4 ",
        " 1.2.3.4",
        "1.2.3.-4",
        ":::",
        ":1",
        "1:",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::",
        "::1%eth0",
        "[::1]",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5:6:7:8::",
        "::1.2.3",
        "g::1"
      })
  void parse_rejectsWhatIsNotALiteral(String text) {
    assertThat(parse(text)).isNull();
  }

  private static InetAddress parse(String s) {
    byte[] b = ("xx" + s).getBytes(StandardCharsets.US_ASCII);
    return IpLiterals.parse(b, 2, b.length - 2);
  }
}
