package io.kadscope.engine.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A lookup's purpose reads as the word logs and the visualiser have always shown. */
class LookupPurposeTest {

  @Test
  void labels_areTheWordsShownBefore_andToStringIsTheLabel() {
    assertThat(Arrays.stream(LookupPurpose.values()).map(LookupPurpose::label))
        .containsExactly("join", "refresh", "get", "set", "find_node", "republish");
    assertThat(Arrays.stream(LookupPurpose.values()))
        .allSatisfy(p -> assertThat(p).hasToString(p.label()));
    assertThat("lookup for " + LookupPurpose.GET).isEqualTo("lookup for get");
  }
}
