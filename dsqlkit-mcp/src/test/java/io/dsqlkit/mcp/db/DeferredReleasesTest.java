package io.dsqlkit.mcp.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** Releases run after the caller returns, on release threads (or the caller's when all are busy); waiting for them and shutting down. */
class DeferredReleasesTest {
    @Test
    @Timeout(60)
    void releasesRunOffTheCallersThreadInParallelAndCanBeAwaited() throws Exception {
        DeferredReleases releases = new DeferredReleases();
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        releases.submit(() -> {
            await(gate);
            ran.add("first on " + Thread.currentThread().getName());
        });
        releases.submit(() -> {
            ran.add("second");
            secondRan.countDown();
        });
        await(secondRan); // a slow release (a round trip to a far endpoint) holds up no other
        assertThat(releases.awaitIdle(Duration.ofMillis(50))).as("a release still pending").isFalse();
        assertThat(ran).containsExactly("second");
        gate.countDown();
        assertThat(releases.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(ran).hasSize(2).anyMatch(r -> r.startsWith("first on dsqlkit-release-"));
    }

    @Test
    @Timeout(60)
    void whenEveryReleaseThreadIsBusyTheCallerReleasesItself() {
        DeferredReleases releases = new DeferredReleases();
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < DeferredReleases.MAX_THREADS; i++) releases.submit(() -> await(gate));
        String[] where = new String[1];
        releases.submit(() -> where[0] = Thread.currentThread().getName());
        assertThat(where[0]).isEqualTo(Thread.currentThread().getName());
        gate.countDown();
        assertThat(releases.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    @Timeout(60)
    void afterShutdownAReleaseRunsOnTheCallersThread() {
        DeferredReleases releases = new DeferredReleases();
        releases.submit(() -> { });
        releases.shutdown(Duration.ofSeconds(30));
        String[] where = new String[1];
        releases.submit(() -> where[0] = Thread.currentThread().getName());
        assertThat(where[0]).isEqualTo(Thread.currentThread().getName());
        assertThat(releases.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    @Timeout(60)
    void insideAnAnswerScopeTheReleaseRunsOnTheHandlersThreadAfterTheHandling() {
        DeferredReleases releases = new DeferredReleases();
        List<String> events = new CopyOnWriteArrayList<>();
        String handler = Thread.currentThread().getName();
        AfterAnswer.handle(() -> {
            releases.submit(() -> events.add("release on " + Thread.currentThread().getName()));
            assertThat(releases.awaitIdle(Duration.ZERO)).as("pending until the handling ends").isFalse();
            events.add("answer written");
        });
        assertThat(events).containsExactly("answer written", "release on " + handler);
        assertThat(releases.awaitIdle(Duration.ZERO)).isTrue();
    }

    @Test
    @Timeout(60)
    void aFailingDeferredReleaseDoesNotKeepTheOthersFromRunning() {
        DeferredReleases releases = new DeferredReleases();
        List<String> ran = new CopyOnWriteArrayList<>();
        AfterAnswer.handle(() -> {
            releases.submit(() -> {
                throw new IllegalStateException("connection broke");
            });
            releases.submit(() -> ran.add("second"));
        });
        assertThat(ran).containsExactly("second");
        assertThat(releases.awaitIdle(Duration.ZERO)).isTrue();
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
