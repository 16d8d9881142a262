package io.kadscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ValueTest {

  private static String shown(String hex) {
    return new Value.Bin(HexFormat.of().parseHex(hex)).display();
  }

  @Test
  void bytes_displayAsPythonsReprDoes() {
    assertThat(shown("00ff10")).isEqualTo("b'\\x00\\xff\\x10'");
    assertThat(shown("6f6b")).isEqualTo("b'ok'");
    assertThat(shown("")).isEqualTo("b''");
    assertThat(shown("090a0d5c7f80")).isEqualTo("b'\\t\\n\\r\\\\\\x7f\\x80'");
  }

  @Test
  void bytes_withASingleQuote_useDoubleQuotesAsPythonDoes() {
    assertThat(shown("6974277320")).isEqualTo("b\"it's \"");
    assertThat(shown("2722")).isEqualTo("b'\\'\"'");
  }

  @Test
  void otherTypes_displayAsPythonPrintsThem() {
    assertThat(new Value.Bool(true).display()).isEqualTo("True");
    assertThat(new Value.Int(-42).display()).isEqualTo("-42");
    assertThat(Value.of("hello").display()).isEqualTo("hello");
  }
}
