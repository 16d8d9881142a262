package io.kadscope.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kadscope.engine.lookup.LookupMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Indexed joins answer a join's refresh lookups from the index of all ids instead of running them:
 * the tables they build must have the shape of those real joins build, message by message, and of
 * direct joins, and lookups over them must find the true k closest.
 */
class IndexedJoinsTest {
  private static final int PEERS = 2_000;
  private static final int LOOKUPS = 100;
  private static final long SEED = 3;

  private static Workload.Figures real;
  private static Workload.Figures direct;
  private static Workload.Figures indexed;

  @BeforeAll
  static void build() {
    real = run(Simulation.Joins.REAL);
    direct = run(Simulation.Joins.DIRECT);
    indexed = run(Simulation.Joins.INDEXED);
  }

  private static Workload.Figures run(Simulation.Joins joins) {
    return Workload.run(
        new Workload.Params(
            PEERS, LOOKUPS, 0, 0, Latency.DEFAULT, SEED, joins, LookupMode.PIPELINED));
  }

  @Test
  void indexedJoins_fillAsManyBucketsAndContactsAsDirectJoins() {
    Workload.TableShape d = direct.shape();
    Workload.TableShape i = indexed.shape();
    assertThat(i.buckets()).isCloseTo(d.buckets(), within(0.05 * d.buckets()));
    assertThat(i.contacts()).isCloseTo(d.contacts(), within(0.05 * d.contacts()));
  }

  @Test
  void indexedJoins_keepTheContactsPerBucketIndexOfDirectJoins_denseNearSparseFar() {
    double[] d = direct.shape().contactsByIndex();
    double[] i = indexed.shape().contactsByIndex();
    double[] db = direct.shape().bucketsByIndex();
    double[] ib = indexed.shape().bucketsByIndex();
    assertThat(i).hasSameSizeAs(d);
    for (int x = 0; x < d.length; x++) {
      assertThat(i[x])
          .as("contacts at index %d", x)
          .isCloseTo(d[x], within(Math.max(1, 0.08 * d[x])));
      assertThat(ib[x])
          .as("buckets at index %d", x)
          .isCloseTo(db[x], within(Math.max(0.2, 0.1 * db[x])));
    }
  }

  @Test
  void indexedJoins_giveTablesAtLeastAsCloseToRealJoinsAsDirectJoinsDo() {
    double r = real.shape().contacts();
    assertThat(indexed.shape().contacts()).isCloseTo(r, within(0.12 * r));
    assertThat(Math.abs(indexed.shape().contacts() - r))
        .isLessThanOrEqualTo(Math.abs(direct.shape().contacts() - r));
    double[] ri = real.shape().contactsByIndex();
    double[] ii = indexed.shape().contactsByIndex();
    assertThat(ii).hasSameSizeAs(ri);
    for (int x = 0; x < ri.length; x++) {
      assertThat(ii[x])
          .as("contacts at index %d", x)
          .isCloseTo(ri[x], within(Math.max(1, 0.2 * ri[x])));
    }
    // a peer that cannot take a newcomer into a full bucket ignores it, as a real one does
    assertThat(indexed.shape().replacements()).isLessThan(direct.shape().replacements());
  }

  @Test
  void lookupsOverIndexedJoins_findTheTrueKClosest_inAsManyHopsAsOverRealJoins() {
    assertThat(indexed.recall()).isEqualTo(1.0);
    assertThat(real.recall()).isEqualTo(1.0);
    assertThat(indexed.hopsMean()).isCloseTo(real.hopsMean(), within(0.25));
  }
}
