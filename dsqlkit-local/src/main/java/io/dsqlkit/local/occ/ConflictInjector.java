package io.dsqlkit.local.occ;

import io.dsqlkit.local.behaviour.SessionView;

import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Test hook: makes chosen COMMITs fail with OC000 as if another transaction had won, so retry
 * logic can be tested without real contention. One-shot rules ({@link #failNextCommit}) fire once
 * each, in order; a probability uses a fixed seed so runs repeat exactly for the same commit order.
 * Thread-safe.
 */
public final class ConflictInjector {
    private final ConcurrentLinkedQueue<Predicate<SessionView>> oneShots = new ConcurrentLinkedQueue<>();
    private double probability;
    private Random random = new Random(0);
    private long injected;

    /** The next COMMIT of a session matching {@code which} fails with OC000. */
    public ConflictInjector failNextCommit(Predicate<SessionView> which) {
        oneShots.add(which);
        return this;
    }

    /** The next COMMIT of any session fails with OC000. */
    public ConflictInjector failNextCommit() {
        return failNextCommit(s -> true);
    }

    /** From now on each COMMIT fails with this probability, drawn from a generator seeded with {@code seed}. */
    public synchronized ConflictInjector failWithProbability(double p, long seed) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("probability must be in [0, 1], was " + p);
        this.probability = p;
        this.random = new Random(seed);
        return this;
    }

    /** Drops all rules. */
    public synchronized void clear() {
        oneShots.clear();
        probability = 0;
    }

    /** How many commits this injector has failed so far. */
    public synchronized long injected() {
        return injected;
    }

    /** Called before a COMMIT: true if it must fail with OC000. */
    public boolean shouldFail(SessionView session) {
        for (Iterator<Predicate<SessionView>> it = oneShots.iterator(); it.hasNext(); ) {
            Predicate<SessionView> p = it.next();
            if (p.test(session) && oneShots.remove(p)) {
                count();
                return true;
            }
        }
        synchronized (this) {
            if (probability > 0 && random.nextDouble() < probability) {
                injected++;
                return true;
            }
        }
        return false;
    }

    private synchronized void count() {
        injected++;
    }
}
