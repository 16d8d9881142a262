package io.kadscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

  @Test
  void sizesReadAsAPersonTypesThem() {
    assertThat(Sizes.parse("1048576", "--x")).isEqualTo(1_048_576);
    assertThat(Sizes.parse("512k", "--x")).isEqualTo(512 * 1024);
    assertThat(Sizes.parse("32M", "--x")).isEqualTo(32L << 20);
    assertThat(Sizes.parse("1GiB", "--x")).isEqualTo(1L << 30);
    assertThat(Sizes.parse(" 2 mb ", "--x")).isEqualTo(2L << 20);
  }

  @Test
  void anythingElse_isAUsageErrorNamingTheOption() {
    for (String bad :
        new String[] {"", "0", "-5", "1.5m", "12t", "99999999999999999999g", "9000000000000g"}) {
      assertThatThrownBy(() -> Sizes.parse(bad, "--max-store-bytes"))
          .as(bad)
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("--max-store-bytes expects a positive size in bytes");
    }
  }
}
