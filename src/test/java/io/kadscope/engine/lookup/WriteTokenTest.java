package io.kadscope.engine.lookup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A write token is opaque bytes, compared by content. */
class WriteTokenTest {

  @Test
  void aWriteToken_isItsBytes_andHasAtLeastOne() {
    byte[] b = {1, 2, 3};
    WriteToken t = WriteToken.of(b);
    b[0] = 9;

    assertThat(t).isEqualTo(WriteToken.of(new byte[] {1, 2, 3})).hasToString("WriteToken[010203]");
    assertThat(t.bytes()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> WriteToken.of(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a write token has at least one byte, found none");
  }
}
