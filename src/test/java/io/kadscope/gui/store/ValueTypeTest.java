package io.kadscope.gui.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kadscope.engine.Value;
import org.junit.jupiter.api.Test;

class ValueTypeTest {
  @Test
  void eachTypeParsesItsText() {
    assertThat(ValueType.STR.parse("hi")).isEqualTo(Value.of("hi"));
    assertThat(ValueType.INT.parse(" -7 ")).isEqualTo(new Value.Int(-7));
    assertThat(ValueType.FLOAT.parse("3.5")).isEqualTo(new Value.Float(3.5));
    assertThat(ValueType.BOOL.parse("True")).isEqualTo(new Value.Bool(true));
    assertThat(ValueType.BYTES.parse("0xCA FE"))
        .isEqualTo(new Value.Bin(new byte[] {(byte) 0xca, (byte) 0xfe}));
  }

  @Test
  void badText_saysWhatWasExpected() {
    assertThatThrownBy(() -> ValueType.INT.parse("4.2"))
        .hasMessage("An int is a whole number such as 42 or -7; \"4.2\" is not one.");
    assertThatThrownBy(() -> ValueType.BOOL.parse("maybe"))
        .hasMessage("A bool is true or false; \"maybe\" is neither.");
    assertThatThrownBy(() -> ValueType.BYTES.parse("abc"))
        .hasMessage(
            "Bytes are typed as pairs of hex digits such as cafebabe; \"abc\" is not (odd number of digits).");
  }
}
