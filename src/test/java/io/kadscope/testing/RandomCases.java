package io.kadscope.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A parameterized test over {@link RandomCase}s: each invocation is named for its case, and a
 * failure's message starts with it ({@code case 17, seed -4962768465676381896: expected …}), since
 * Maven's report shows only the invocation's index.
 *
 * <pre>{@code
 * @RandomCases
 * @MethodSource("ids")
 * void hexRoundTrip(RandomCase c) { … }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ExtendWith(RandomCases.NameTheCase.class)
public @interface RandomCases {

  /** Rethrows a failure with the case's name in front of its message. */
  final class NameTheCase implements TestExecutionExceptionHandler {
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
      String what = failure instanceof AssertionError ? failure.getMessage() : failure.toString();
      throw new AssertionError(context.getDisplayName() + ": " + what, failure);
    }
  }
}
