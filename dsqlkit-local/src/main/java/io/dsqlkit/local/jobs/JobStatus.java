package io.dsqlkit.local.jobs;

import java.util.Locale;

/** {@code sys.jobs.status} values (dsql-facts §4). */
public enum JobStatus {
    SUBMITTED, PROCESSING, COMPLETED, FAILED;

    public String sql() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
