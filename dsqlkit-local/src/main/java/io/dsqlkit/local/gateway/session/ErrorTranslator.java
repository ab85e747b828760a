package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.behaviour.DsqlBehaviour;
import io.dsqlkit.local.gateway.BackendBootstrap;
import io.dsqlkit.local.gateway.protocol.BackendMessage.ErrorResponse;
import io.dsqlkit.local.gateway.protocol.BackendMessage.Field;
import io.dsqlkit.local.gateway.protocol.BackendMessage.NoticeResponse;
import io.dsqlkit.rules.DsqlError;
import io.dsqlkit.rules.DsqlErrors;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a PostgreSQL error into what DSQL says: the limit triggers' markers become DSQL's texts
 * (dsql-facts §2), the engine's refusal of an advisory-lock function DSQL's "not supported" (§1.1),
 * the behaviour maps the rest (e.g. serialization failures to OC000, §3), and what
 * only describes the emulator's insides is removed: PostgreSQL's source file, line and routine
 * fields, and the context lines of the emulator's own PL/pgSQL code (its refusal blocks, the limit
 * triggers, {@code sys.wait_for_job}).
 */
final class ErrorTranslator {
    /** What a doomed transaction's next statement gets from PostgreSQL: cancelled, or in an aborted transaction. */
    private static final java.util.Set<String> DOOM_SYMPTOMS = java.util.Set.of("57014", "25P02", "40001");
    private final DsqlBehaviour behaviour;

    ErrorTranslator(DsqlBehaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** PL/pgSQL context lines that name the emulator's own code, not the client's. */
    private static final java.util.regex.Pattern INTERNAL_CONTEXT = java.util.regex.Pattern.compile(
            "function (inline_code_block|" + java.util.regex.Pattern.quote(BackendBootstrap.SCHEMA) + "\\.|sys\\.)");

    /** The error to send, or null when the backend's may be relayed as is. */
    ErrorResponse translate(SessionState s, ErrorResponse e) {
        String severity = e.field('S') != null ? e.field('S') : "ERROR";
        String message = e.message();
        // OCC: the gateway rolled this transaction back (or cancelled its statement) for another's write.
        if (s != null && DOOM_SYMPTOMS.contains(e.sqlstate())) {
            boolean occCancel = "57014".equals(e.sqlstate()) && s.takeOccCancel();
            if (s.reportDoom() | occCancel) return of(severity, DsqlErrors.OC000);
        }
        if (BackendBootstrap.ROW_LIMIT_MARKER.equals(message)) return of(severity, DsqlErrors.ROW_LIMIT);
        if (BackendBootstrap.SIZE_LIMIT_MARKER.equals(message)) return of(severity, sizeLimit(e.field('D')));
        DsqlError advisory = advisoryRefusal(e.sqlstate(), message);
        if (advisory != null) return of(severity, advisory);
        Optional<DsqlError> mapped = behaviour.translateBackendError(s, e.sqlstate(), message);
        if (mapped.isPresent()) return of(severity, mapped.get());
        return withoutInternals(e);
    }

    private static final String PERMISSION_DENIED_FOR_FUNCTION = "permission denied for function ";

    /**
     * The engine's refusal of an advisory-lock function, which no client role may execute ({@link BackendBootstrap}):
     * reached through a SQL function's body or SQL text that the gateway's lint does not see. DSQL's answer
     * (dsql-facts §1.1) names the function; null for any other error.
     */
    static DsqlError advisoryRefusal(String sqlstate, String message) {
        if (!"42501".equals(sqlstate) || message == null || !message.startsWith(PERMISSION_DENIED_FOR_FUNCTION)) return null;
        String name = message.substring(PERMISSION_DENIED_FOR_FUNCTION.length());
        return io.dsqlkit.rules.session.AdvisoryLock.FUNCTIONS.contains(name)
                ? new DsqlError("0A000", "function " + name + " not supported") : null;
    }

    /** {@code e} without source-location fields and internal context lines; null if it has none. */
    static ErrorResponse withoutInternals(ErrorResponse e) {
        List<Field> kept = publicFields(e.fields());
        return kept == null ? null : new ErrorResponse(kept);
    }

    /** A notice (e.g. a RAISE NOTICE, "relation already exists, skipping") without the same internals; null if it has none. */
    static NoticeResponse withoutInternals(NoticeResponse n) {
        List<Field> kept = publicFields(n.fields());
        return kept == null ? null : new NoticeResponse(kept);
    }

    /** {@code fields} without source file, line, routine and the emulator's context lines; null when nothing changes. */
    private static List<Field> publicFields(List<Field> fields) {
        boolean changed = false;
        List<Field> kept = new ArrayList<>();
        for (Field f : fields) {
            switch (f.code()) {
                case 'F', 'L', 'R' -> changed = true;
                case 'W' -> {
                    String where = publicContext(f.value());
                    if (!where.equals(f.value())) changed = true;
                    if (!where.isEmpty()) kept.add(new Field('W', where));
                }
                default -> kept.add(f);
            }
        }
        return changed ? kept : null;
    }

    private static String publicContext(String where) {
        StringBuilder sb = new StringBuilder();
        for (String line : where.split("\n")) {
            if (INTERNAL_CONTEXT.matcher(line).find()) continue;
            if (sb.length() > 0) sb.append('\n');
            sb.append(line);
        }
        return sb.toString();
    }

    static ErrorResponse of(String severity, DsqlError e) {
        return ErrorResponse.of(severity, e.sqlstate(), e.message(), e.detail(), null);
    }

    private static DsqlError sizeLimit(String detail) {
        long bytes = 0;
        long limit = 10L * 1024 * 1024;
        if (detail != null) {
            String[] p = detail.trim().split(" ");
            try {
                bytes = Long.parseLong(p[0]);
                limit = Long.parseLong(p[1]);
            } catch (RuntimeException ignored) {
                // keep the defaults: the marker always carries both numbers
            }
        }
        return DsqlErrors.sizeLimit(ceilMb(bytes), ceilMb(limit));
    }

    private static long ceilMb(long bytes) {
        return Math.max(1, (bytes + (1 << 20) - 1) >> 20);
    }
}
