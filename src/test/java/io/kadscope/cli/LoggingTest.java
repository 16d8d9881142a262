package io.kadscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Level before = root.getLevel();

  @AfterEach
  void restore() {
    root.setLevel(before);
  }

  @Test
  void setLevel_acceptsAnyCaseAndSetsTheRootLevel() {
    Logging.setLevel(" warn ");

    assertThat(root.getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void setLevel_refusesAnUnknownLevelAsBadUsageAndListsTheLevels() {
    assertThatThrownBy(() -> Logging.setLevel("LOUD"))
        .isInstanceOf(CliException.class)
        .hasMessage("--log-level must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF; found 'LOUD'")
        .extracting(e -> ((CliException) e).exitCode())
        .isEqualTo(CliException.USAGE);
  }
}
