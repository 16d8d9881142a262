package io.kadscope.mainline;

import static org.assertj.core.api.Assertions.assertThat;

import io.kadscope.krpc.Id160;
import java.net.InetAddress;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BEP 42: ids tied to the external address, checked against the BEP's own table. */
class SecureNodeIdTest {
  private final SplittableRandom random = new SplittableRandom(42);

  /**
   * BEP 42's examples: IP, rand, and the node id it lists (only 21 bits and the last byte count).
   */
  @ParameterizedTest(name = "{0} r={1}")
  @CsvSource({
    "124.31.75.21, 1, 5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401",
    "21.75.31.124, 86, 5a3ce9c14e7a08645677bbd1cfe7d8f956d53256",
    "65.23.51.170, 22, a5d43220bc8f112a3d426c84764f8c2a1150e616",
    "84.124.73.14, 65, 1b0321dd1bb1fe518101ceef99462b947a01ff41",
    "43.213.53.83, 90, e56f6cbf5b7c4be0237986d5243b87aa6d51305a"
  })
  void generate_givesTheBep42TablesPrefix(String ip, int r, String listed) throws Exception {
    InetAddress address = InetAddress.getByName(ip);
    Id160 expected = Id160.fromHex(listed);

    Id160 id = SecureNodeId.generate(address, r, random);

    assertThat(id.byteAt(0)).isEqualTo(expected.byteAt(0));
    assertThat(id.byteAt(1)).isEqualTo(expected.byteAt(1));
    assertThat(id.byteAt(2) & 0xf8).isEqualTo(expected.byteAt(2) & 0xf8);
    assertThat(id.byteAt(19)).isEqualTo(r);
    assertThat(SecureNodeId.conforms(expected, address)).isTrue();
    assertThat(SecureNodeId.conforms(id, address)).isTrue();
  }

  @Test
  void conforms_isFalseForAnIdWithAnotherPrefix() throws Exception {
    InetAddress address = InetAddress.getByName("124.31.75.21");
    Id160 listed = Id160.fromHex("5fbfbff10c5d6a4ec8a88e4c6ab4c28b95eee401");
    Id160 oneBitOff = Id160.fromHex("5fbfb7f10c5d6a4ec8a88e4c6ab4c28b95eee401"); // bit 20

    assertThat(SecureNodeId.conforms(oneBitOff, address)).isFalse();
    assertThat(SecureNodeId.conforms(listed, InetAddress.getByName("8.8.8.8"))).isFalse();
  }

  @Test
  void conforms_ignoresTheLowThreeBitsOfTheThirdByte() throws Exception {
    InetAddress address = InetAddress.getByName("124.31.75.21");
    Id160 otherLowBits = Id160.fromHex("5fbfbaf10c5d6a4ec8a88e4c6ab4c28b95eee401");

    assertThat(SecureNodeId.conforms(otherLowBits, address)).isTrue();
  }

  @Test
  void generate_forIpv6_conformsToThatAddressOnly() throws Exception {
    InetAddress address = InetAddress.getByName("2001:db8:85a3::8a2e:370:7334");

    Id160 id = SecureNodeId.generate(address, random);

    assertThat(SecureNodeId.conforms(id, address)).isTrue();
    assertThat(SecureNodeId.conforms(id, InetAddress.getByName("2a00:1450:4001::1"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.7.7",
        "::1",
        "fe80::1",
        "fd12:3456::1"
      })
  void conforms_exemptsAddressesNotOnTheInternet(String ip) throws Exception {
    InetAddress address = InetAddress.getByName(ip);

    assertThat(SecureNodeId.isExempt(address)).isTrue();
    assertThat(SecureNodeId.conforms(Id160.fromHex("00".repeat(20)), address)).isTrue();
  }

  @Test
  void isExempt_isFalseForPublicAddresses() throws Exception {
    assertThat(SecureNodeId.isExempt(InetAddress.getByName("172.32.0.1"))).isFalse();
    assertThat(SecureNodeId.isExempt(InetAddress.getByName("2001:db8::1"))).isFalse();
  }
}
