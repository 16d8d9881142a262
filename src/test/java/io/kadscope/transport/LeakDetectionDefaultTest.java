package io.kadscope.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Netty's leak detector: off in a peer unless a system property asks for it (the build's tests do).
 */
class LeakDetectionDefaultTest {
  private final Map<String, String> saved = new HashMap<>();
  private Level savedLevel;

  @BeforeEach
  void save() {
    savedLevel = ResourceLeakDetector.getLevel();
    for (String p : UdpTransport.LEAK_DETECTION_PROPERTIES) {
      saved.put(p, System.getProperty(p));
    }
  }

  @AfterEach
  void restore() {
    saved.forEach(
        (p, v) -> {
          if (v == null) {
            System.clearProperty(p);
          } else {
            System.setProperty(p, v);
          }
        });
    ResourceLeakDetector.setLevel(savedLevel);
  }

  @Test
  void noPropertySet_turnsTheDetectorOff() {
    UdpTransport.LEAK_DETECTION_PROPERTIES.forEach(System::clearProperty);
    ResourceLeakDetector.setLevel(Level.SIMPLE);

    UdpTransport.leakDetectionOffUnlessAsked();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(Level.DISABLED);
  }

  @Test
  void eitherPropertySet_leavesTheLevelItSet() {
    for (String p : UdpTransport.LEAK_DETECTION_PROPERTIES) {
      UdpTransport.LEAK_DETECTION_PROPERTIES.forEach(System::clearProperty);
      System.setProperty(p, "paranoid");
      ResourceLeakDetector.setLevel(Level.PARANOID);

      UdpTransport.leakDetectionOffUnlessAsked();

      assertThat(ResourceLeakDetector.getLevel()).as(p).isEqualTo(Level.PARANOID);
    }
  }
}
