package io.kadscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The jar's logging, set up in code: where the lines go, what they look like, what is quiet. */
class LogSetupTest {
  private final LoggerContext context = new LoggerContext();

  @AfterEach
  void stop() {
    context.stop();
  }

  @Test
  void linesGoToStandardErrorThroughTheAsynchronousAppender_noneDiscarded() {
    LogSetup.setUp(context);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getAppender("ASYNC")).isInstanceOf(AsyncAppender.class);
    AsyncAppender async = (AsyncAppender) root.getAppender("ASYNC");
    assertThat(async.isStarted()).isTrue();
    assertThat(async.getDiscardingThreshold()).isZero();
    assertThat(async.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
    assertThat(((ConsoleAppender<ILoggingEvent>) async.getAppender("STDERR")).getTarget())
        .isEqualTo("System.err");
  }

  @Test
  void aLineSaysTimeLevelClassAndMessage() {
    LogSetup.setUp(context);
    Logger logger = context.getLogger("io.kadscope.headless.peer");
    AsyncAppender async =
        (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
    ConsoleAppender<ILoggingEvent> stderr =
        (ConsoleAppender<ILoggingEvent>) async.getAppender("STDERR");

    LoggingEvent e =
        new LoggingEvent(
            Logger.class.getName(),
            logger,
            Level.INFO,
            "contact added: {}",
            null,
            new Object[] {"ab12@127.0.0.1:7123"});
    String line = new String(stderr.getEncoder().encode(e), StandardCharsets.UTF_8);

    assertThat(line)
        .matches(
            "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  peer - contact added: ab12@127.0.0.1:7123\\R");
  }

  @Test
  void thePeerLogsInfo_andNettyOnlyWhatIsWrong() {
    LogSetup.setUp(context);

    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void aConfigurationFileOnTheClassPathWins() {
    // The tests' logback-test.xml is on the class path here.
    LogSetup setup = new LogSetup();
    setup.setContext(context);

    assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC")).isNull();
  }
}
