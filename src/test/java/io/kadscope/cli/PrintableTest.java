package io.kadscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void escape_writesControlCharactersAsEscapes() {
    assertThat(Printable.escape("\u001b[31mred\u001b[0m")).isEqualTo("\\x1b[31mred\\x1b[0m");
    assertThat(Printable.escape("a\nb\tc\rd\u0000\u007f\u009b"))
        .isEqualTo("a\\nb\\tc\\rd\\x00\\x7f\\x9b");
  }

  @Test
  void escape_writesCharactersThatReorderTextAsEscapes() {
    assertThat(Printable.escape("abc\u202edcba\u2066")).isEqualTo("abc\\u202edcba\\u2066");
  }

  @Test
  void escape_leavesOrdinaryTextAlone_includingBackslashesAndAccents() {
    String text = "C:\\dir ünïcødé 日本 🙂";

    assertThat(Printable.escape(text)).isSameAs(text);
  }

  @Test
  void quote_cutsLongTextAndSaysHowLongItWas() {
    assertThat(Printable.quote("x".repeat(500), 8)).isEqualTo("'xxxxxxxx…' (500 characters)");
    assertThat(Printable.quote("short", 8)).isEqualTo("'short'");
  }

  @Test
  void clip_neverSplitsASurrogatePair() {
    assertThat(Printable.clip("ab🙂cd", 3)).isEqualTo("ab… (6 characters)");
  }
}
