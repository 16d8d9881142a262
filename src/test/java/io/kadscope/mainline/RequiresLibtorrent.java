package io.kadscope.mainline;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a test class only where {@code python3 -c "import libtorrent"} works; elsewhere its tests
 * are reported skipped, with the reason, and the reason is logged once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresLibtorrent.Condition.class)
@interface RequiresLibtorrent {

  /** The condition behind the annotation. */
  final class Condition implements ExecutionCondition {
    private static final Logger LOG = LoggerFactory.getLogger(RequiresLibtorrent.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (LibtorrentSwarm.available()) {
        return ConditionEvaluationResult.enabled("libtorrent imports");
      }
      String reason = "skipped: " + LibtorrentSwarm.unavailableReason();
      if (context.getTestMethod().isEmpty()) {
        LOG.warn("{} {}", context.getDisplayName(), reason);
      }
      return ConditionEvaluationResult.disabled(reason);
    }
  }
}
