package io.kadscope.testing;

import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * One case of a parameterized test over random inputs ({@link RandomCases}): its own seed, shown in
 * the test's name and its failure ({@code case 17, seed -4962768465676381896}), so that a failure
 * is replayed by calling the test with {@code new RandomCase(17, -4962768465676381896L)}.
 *
 * <pre>{@code
 * static Stream<RandomCase> ids() {
 *   return RandomCase.cases(20250301L, 500);
 * }
 *
 * @RandomCases
 * @MethodSource("ids")
 * void hexRoundTrip(RandomCase c) {
 *   NodeId id = NodeId.random(c.random());
 *   ...
 * }
 * }</pre>
 *
 * <p>The cases are the same in every run; {@code -Dkadscope.seed=N} draws other ones from {@code
 * N}.
 *
 * @param index the case's place in its series
 * @param seed the seed of the case's {@link Random}
 */
public record RandomCase(int index, long seed) {
  /** The system property that replaces the series' seed, to explore other cases. */
  public static final String SEED_PROPERTY = "kadscope.seed";

  /**
   * {@code count} cases drawn from {@code seed} (or from {@code -Dkadscope.seed} when set): case
   * {@code i} has the {@code i}-th seed that {@code new Random(seed)} yields.
   */
  public static Stream<RandomCase> cases(long seed, int count) {
    long series = Long.getLong(SEED_PROPERTY, seed);
    long[] seeds = LongStream.generate(new Random(series)::nextLong).limit(count).toArray();
    return Stream.iterate(0, i -> i < count, i -> i + 1).map(i -> new RandomCase(i, seeds[i]));
  }

  /** A fresh generator of this case's inputs, the same on every call. */
  public Random random() {
    return new Random(seed);
  }

  @Override
  public String toString() {
    return "case " + index + ", seed " + seed;
  }
}
