package io.dsqlkit.local.occ;

import io.dsqlkit.local.behaviour.SessionView;
import io.dsqlkit.local.behaviour.StandardDsqlBehaviour;
import io.dsqlkit.rules.DsqlErrors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** OCC pieces without a database (dsql-facts §3). */
class OccUnitTest {
    record Session(long id, Map<String, Object> attributes) implements SessionView {
        Session(long id) {
            this(id, new HashMap<>());
        }

        public String role() {
            return "admin";
        }

        public boolean inTransactionBlock() {
            return false;
        }

        public boolean transactionHasDdl() {
            return false;
        }
    }

    @Test
    void postgresConcurrencyFailuresBecomeOc000() {
        for (String state : List.of("40001", "55P03", "40P01")) {
            assertThat(OccErrors.translate(state)).as(state).contains(DsqlErrors.OC000);
        }
        assertThat(OccErrors.translate("23505")).isEmpty();
        // The gateway raises DSQL's own OCC errors through the backend; they must come back unchanged.
        assertThat(OccErrors.translate("40001", DsqlErrors.OC001.message())).isEmpty();
        assertThat(OccErrors.translate("40001", DsqlErrors.OC000.message())).isEmpty();
        assertThat(OccErrors.translate("40001", "could not serialize access due to concurrent update")).contains(DsqlErrors.OC000);
        assertThat(OccErrors.translate(null)).isEmpty();
    }

    @Test
    void staleSessionFailsOnceThenIsCurrent() {
        CatalogVersions v = new CatalogVersions();
        Session a = new Session(1);
        Session b = new Session(2);
        assertThat(v.checkStale(a)).isFalse(); // a new session loads a fresh catalog
        assertThat(v.checkStale(b)).isFalse();
        v.bump(b); // b committed a DDL: b's own cache is current
        assertThat(v.checkStale(b)).isFalse();
        assertThat(v.checkStale(a)).isTrue();
        assertThat(v.checkStale(a)).isFalse();
        Session late = new Session(3);
        assertThat(v.checkStale(late)).isFalse();
        v.bump(null); // a background change (job completion when configured)
        assertThat(v.checkStale(a)).isTrue();
        assertThat(v.checkStale(b)).isTrue();
    }

    @Test
    void behaviourRaisesOc001OnlyWhenConfigured() {
        StandardDsqlBehaviour on = new StandardDsqlBehaviour();
        StandardDsqlBehaviour off = StandardDsqlBehaviour.builder().staleCatalogFails(false).build();
        for (StandardDsqlBehaviour beh : List.of(on, off)) {
            Session s = new Session(1);
            assertThat(beh.onTransactionStart(s)).isEmpty();
            beh.catalogVersions().bump(new Session(2));
            assertThat(beh.onTransactionStart(s).isPresent()).isEqualTo(beh == on);
            assertThat(beh.onTransactionStart(s)).isEmpty();
        }
        assertThat(on.onTransactionStart(new Session(9))).isEmpty();
    }

    @Test
    void systemPropertySetsTheOc001Default() {
        String old = System.getProperty(StandardDsqlBehaviour.STALE_CATALOG_PROPERTY);
        try {
            System.setProperty(StandardDsqlBehaviour.STALE_CATALOG_PROPERTY, "false");
            assertThat(new StandardDsqlBehaviour().options().staleCatalogFails()).isFalse();
            assertThat(StandardDsqlBehaviour.builder().staleCatalogFails(true).build().options().staleCatalogFails()).isTrue();
        } finally {
            if (old == null) System.clearProperty(StandardDsqlBehaviour.STALE_CATALOG_PROPERTY);
            else System.setProperty(StandardDsqlBehaviour.STALE_CATALOG_PROPERTY, old);
        }
        assertThat(new StandardDsqlBehaviour().options().staleCatalogFails()).isTrue();
    }

    @Test
    void oneShotInjectionFailsTheMatchingCommitOnce() {
        ConflictInjector inj = new ConflictInjector();
        Session a = new Session(1);
        Session b = new Session(2);
        inj.failNextCommit(s -> s.id() == 2);
        assertThat(inj.shouldFail(a)).isFalse();
        assertThat(inj.shouldFail(b)).isTrue();
        assertThat(inj.shouldFail(b)).isFalse();
        inj.failNextCommit().failNextCommit();
        assertThat(inj.shouldFail(a)).isTrue();
        assertThat(inj.shouldFail(b)).isTrue();
        assertThat(inj.shouldFail(a)).isFalse();
        assertThat(inj.injected()).isEqualTo(3);
    }

    @Test
    void seededProbabilityRepeatsExactly() {
        List<Boolean> first = draws(new ConflictInjector().failWithProbability(0.3, 42));
        List<Boolean> second = draws(new ConflictInjector().failWithProbability(0.3, 42));
        assertThat(first).isEqualTo(second).contains(true, false);
        ConflictInjector cleared = new ConflictInjector().failWithProbability(1.0, 1);
        cleared.clear();
        assertThat(cleared.shouldFail(new Session(1))).isFalse();
    }

    private static List<Boolean> draws(ConflictInjector inj) {
        List<Boolean> out = new ArrayList<>();
        Session s = new Session(1);
        for (int i = 0; i < 200; i++) out.add(inj.shouldFail(s));
        return out;
    }

    @Test
    void behaviourTranslatesWaitForJobCalledAsFunction() {
        StandardDsqlBehaviour beh = new StandardDsqlBehaviour();
        assertThat(beh.translateBackendError(new Session(1), "42809", "sys.wait_for_job(unknown) is a procedure"))
                .hasValueSatisfying(e -> assertThat(e.message()).isEqualTo("sys.wait_for_job(text) is a procedure"));
        assertThat(beh.translateBackendError(new Session(1), "55P03", "canceling statement due to lock timeout"))
                .contains(DsqlErrors.OC000);
        assertThat(beh.backendSessionSettings()).containsEntry("default_transaction_isolation", "repeatable read")
                .containsEntry("lock_timeout", "100ms");
    }
}
