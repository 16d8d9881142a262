package io.kadscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void format_printsAnIpv4AddressAsTyped() throws Exception {
    assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 7123)))
        .isEqualTo("10.0.0.2:7123");
  }

  @Test
  void format_bracketsAnIpv6Address() throws Exception {
    assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("fd00::2"), 7123)))
        .isEqualTo("[fd00:0:0:0:0:0:0:2]:7123");
  }

  @Test
  void format_showsTheNameAnAddressWasGivenByAndTheAddress() throws Exception {
    InetAddress named = InetAddress.getByAddress("node0", new byte[] {10, 0, 0, 2});

    assertThat(Addresses.format(new InetSocketAddress(named, 7123)))
        .isEqualTo("node0/10.0.0.2:7123");
  }

  @Test
  void format_ofAnUnresolvedAddressPrintsItsName() {
    assertThat(Addresses.format(InetSocketAddress.createUnresolved("node0", 7123)))
        .isEqualTo("node0:7123");
  }

  @Test
  void resolve_ofAnIpLiteralNeedsNoLookup() {
    InetSocketAddress a = Addresses.resolve("127.0.0.1", 7124);

    assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(a.getPort()).isEqualTo(7124);
  }

  @Test
  void resolve_ofAnUnknownNameSaysWhichName() {
    assertThatThrownBy(() -> Addresses.resolve("no-such-host.invalid", 7123))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot resolve host 'no-such-host.invalid'");
  }
}
