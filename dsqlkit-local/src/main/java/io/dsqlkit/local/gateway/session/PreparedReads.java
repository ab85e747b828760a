package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Bytes;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The point reads one backend session has prepared for its clients (auto-prepare, as pgjdbc and Npgsql do on the
 * client side). A simple-protocol text the gateway knows as one plain read of a known {@code NumberShape}, whose every
 * masked integer is an operand of a comparison or arithmetic operator ({@code SELECT abalance FROM pgbench_accounts
 * WHERE aid = 48213}), is sent as Bind/Describe/Execute/Sync of a statement prepared once per backend with those
 * integers as parameters ({@code aid = $1   }); PostgreSQL then skips parsing, analysing and, once its plan cache
 * settles on a generic plan, planning. The client sees the answers a Query would have had: ParseComplete,
 * BindComplete and CloseComplete are dropped ({@link SimpleQueryFlow}).
 *
 * <p>Why the answers are the same: each parameter is declared with the type PostgreSQL gives that literal
 * ({@code integer} when it fits, else {@code bigint}, else {@code numeric}), so operators resolve as they did for the
 * literal, and a custom plan folds it as a constant; each {@code $n} is padded with spaces to the literal's length
 * (a literal shorter than its {@code $n} stays in the text), so an error's position is the same character of the
 * client's text. Only autocommit reads are prepared: a prepared statement PostgreSQL refuses to run because its
 * result type changed since (DDL through another connection: {@code cached plan must not change result type}) or
 * that a client deallocated is retried as the client's Query, which only a read outside a transaction block may be.
 * DDL, DISCARD and utility statements through the gateway ({@link StatementPlanner#schemaEpoch}) make every backend
 * close its prepared reads before the next one. System property {@value #PROPERTY}{@code =false} turns it off.
 */
final class PreparedReads {
    static final String PROPERTY = "dsqlkit.gateway.autoPrepare";
    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    /** Statements per backend session; texts of further shapes go as they came. */
    static final int MAX_STATEMENTS = 64;
    /** PostgreSQL's type OIDs for an integer literal: int4, int8, numeric. */
    private static final int INT4 = 23;
    private static final int INT8 = 20;
    private static final int NUMERIC = 1700;
    private static final String NAME_PREFIX = "dsqlkit_read_";

    private final Map<String, Entry> byText = new HashMap<>();
    /** Statements forgotten while PostgreSQL may still hold them: closed with the next use. */
    private final List<String> toClose = new ArrayList<>();
    private long epoch;
    private int nextName;

    private static final class Entry {
        final String name;
        /** PostgreSQL answered its Parse with ParseComplete. */
        boolean parsed;

        Entry(String name) {
            this.name = name;
        }
    }

    /** One use of a prepared read: the messages to send (one write) and what to do with the answer. */
    final class Use {
        private final String key;
        private final Entry entry;
        final List<FrontendMessage> messages;

        private Use(String key, Entry entry, List<FrontendMessage> messages) {
            this.key = key;
            this.entry = entry;
            this.messages = messages;
        }

        /** ParseComplete arrived: later reads of the text skip the Parse. */
        void parsed() {
            entry.parsed = true;
        }

        /** The read failed before its statement was parsed (a genuine error, e.g. no such operator): not kept. */
        void failed() {
            if (!entry.parsed) byText.remove(key, entry);
        }

        /** PostgreSQL no longer has the statement as prepared (stale, or deallocated): prepared afresh next time. */
        void forget() {
            if (byText.remove(key, entry)) toClose.add(entry.name);
        }
    }

    /**
     * The messages for {@code sql}, whose masked integers stand at {@code runs}, or null to send the client's Query
     * as it is (nothing to parametrise, the statement's Parse not answered yet, or {@link #MAX_STATEMENTS} reached).
     * {@code schemaEpoch}: {@link StatementPlanner#schemaEpoch} now; statements prepared under an earlier one are
     * closed first.
     */
    Use use(String sql, int[] runs, long schemaEpoch) {
        StringBuilder text = new StringBuilder(sql.length());
        List<Bytes> values = new ArrayList<>(runs.length / 2);
        List<Integer> types = new ArrayList<>(runs.length / 2);
        int copied = 0;
        for (int r = 0; r < runs.length; r += 2) {
            int start = runs[r];
            int end = runs[r + 1];
            String placeholder = "$" + (values.size() + 1);
            if (end - start < placeholder.length()) continue; // stays a literal: the positions after it must not move
            text.append(sql, copied, start).append(placeholder);
            for (int i = placeholder.length(); i < end - start; i++) text.append(' ');
            copied = end;
            String digits = sql.substring(start, end);
            values.add(Bytes.of(digits.getBytes(StandardCharsets.US_ASCII)));
            types.add(literalType(digits));
        }
        if (values.isEmpty()) return null;
        text.append(sql, copied, sql.length());
        String statement = text.toString();
        List<FrontendMessage> messages = new ArrayList<>(6);
        if (schemaEpoch != epoch) { // then the map is empty below: the read is prepared afresh
            for (Entry e : byText.values()) messages.add(new FrontendMessage.Close('S', e.name));
            byText.clear();
            epoch = schemaEpoch;
        }
        for (String name : toClose) messages.add(new FrontendMessage.Close('S', name));
        toClose.clear();
        String key = types + statement;
        Entry entry = byText.get(key);
        if (entry == null) {
            if (byText.size() >= MAX_STATEMENTS) return null;
            entry = new Entry(NAME_PREFIX + ++nextName);
            byText.put(key, entry);
            messages.add(new FrontendMessage.Parse(entry.name, statement, types));
        } else if (!entry.parsed) {
            return null;
        }
        messages.add(new FrontendMessage.Bind("", entry.name, List.of(), values, List.of()));
        messages.add(new FrontendMessage.Describe('P', ""));
        messages.add(new FrontendMessage.Execute("", 0));
        messages.add(FrontendMessage.Sync.INSTANCE);
        return new Use(key, entry, messages);
    }

    /**
     * An error PostgreSQL raises instead of running a prepared read it has no current statement for: the result type
     * changed since it was prepared ({@code 0A000 cached plan must not change result type}, after DDL that did not pass
     * the gateway) or it was deallocated ({@code 26000}). Nothing ran: the read may be sent again as a Query.
     */
    static boolean notRunnableAsPrepared(BackendMessage.ErrorResponse e) {
        String state = e.sqlstate();
        return "26000".equals(state)
                || ("0A000".equals(state) && e.message() != null && e.message().startsWith("cached plan must not change result type"));
    }

    /** The backend session was reset ({@code DISCARD ALL}): it has no prepared statements. */
    void clear() {
        byText.clear();
        toClose.clear();
    }

    int size() {
        return byText.size();
    }

    /**
     * The type PostgreSQL's parser gives an integer literal of these digits (no sign, no leading zero): integer when
     * it fits, else bigint when it fits, else numeric.
     */
    static int literalType(String digits) {
        if (digits.length() < 10) return INT4;
        if (digits.length() > 19) return NUMERIC;
        if (digits.length() == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) > 0) return NUMERIC;
        long v = Long.parseLong(digits);
        return v <= Integer.MAX_VALUE ? INT4 : INT8;
    }
}
