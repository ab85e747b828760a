package io.dsqlkit.local.gateway.session;

import io.dsqlkit.local.gateway.protocol.BackendMessage;
import io.dsqlkit.local.gateway.protocol.Bytes;
import io.dsqlkit.local.gateway.protocol.FrontendMessage;
import io.dsqlkit.local.gateway.protocol.FrontendType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

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

    private final Map<Key, Entry> byShape = new HashMap<>();
    /** Statements forgotten while PostgreSQL may still hold them: closed with the next use. */
    private final List<String> toClose = new ArrayList<>();
    private long epoch;
    private int nextName;

    /**
     * A prepared statement's identity: the text's {@code NumberShape} key and, per masked integer, its parameter's type
     * and the literal's length (which the padding follows), or the literal itself where it stays in the text.
     */
    private record Key(String shapeKey, String integers) {}

    private static final class Entry {
        final String name;
        /** PostgreSQL answered its Parse with ParseComplete. */
        boolean parsed;

        Entry(String name) {
            this.name = name;
        }
    }

    /** Describe (portal), Execute (all rows), Sync: the same after every Bind. */
    private static final byte[] DESCRIBE_EXECUTE_SYNC = encoded(List.of(new FrontendMessage.Describe('P', ""),
            new FrontendMessage.Execute("", 0), FrontendMessage.Sync.INSTANCE));

    /** One use of a prepared read: what to send (one write) and what to do with the answer. */
    final class Use {
        private final Key key;
        private final Entry entry;
        private final String sql;
        /** Start and end offsets, in {@code sql}, of the integers sent as parameters. */
        private final int[] parameters;
        private final List<String> closes;
        /** Null when the statement is parsed already. */
        private final FrontendMessage.Parse parse;

        private Use(Key key, Entry entry, String sql, int[] parameters, List<String> closes, FrontendMessage.Parse parse) {
            this.key = key;
            this.entry = entry;
            this.sql = sql;
            this.parameters = parameters;
            this.closes = closes;
            this.parse = parse;
        }

        /** What is sent: Close for each statement to retire, Parse when new, Bind, Describe, Execute, Sync. */
        List<FrontendMessage> messages() {
            List<FrontendMessage> m = new ArrayList<>();
            for (String name : closes) m.add(new FrontendMessage.Close('S', name));
            if (parse != null) m.add(parse);
            List<Bytes> values = new ArrayList<>(parameters.length / 2);
            for (int r = 0; r < parameters.length; r += 2) {
                values.add(Bytes.of(sql.substring(parameters[r], parameters[r + 1]).getBytes(StandardCharsets.US_ASCII)));
            }
            m.add(new FrontendMessage.Bind("", entry.name, List.of(), values, List.of()));
            m.add(new FrontendMessage.Describe('P', ""));
            m.add(new FrontendMessage.Execute("", 0));
            m.add(FrontendMessage.Sync.INSTANCE);
            return m;
        }

        /** {@link #messages()} encoded, the Bind and what follows it without building them (the per-read part). */
        void encode(ByteBuf out) {
            for (String name : closes) new FrontendMessage.Close('S', name).encode(out);
            if (parse != null) parse.encode(out);
            out.writeByte(FrontendType.BIND);
            int lengthAt = out.writerIndex();
            out.writeInt(0);
            out.writeByte(0); // the unnamed portal
            out.writeCharSequence(entry.name, StandardCharsets.US_ASCII);
            out.writeByte(0);
            out.writeShort(0); // every parameter in text format
            out.writeShort(parameters.length / 2);
            for (int r = 0; r < parameters.length; r += 2) {
                out.writeInt(parameters[r + 1] - parameters[r]);
                for (int i = parameters[r]; i < parameters[r + 1]; i++) out.writeByte(sql.charAt(i)); // ASCII digits
            }
            out.writeShort(0); // every column in text format
            out.setInt(lengthAt, out.writerIndex() - lengthAt);
            out.writeBytes(DESCRIBE_EXECUTE_SYNC);
        }

        /** The client's text, as its Query had it. */
        String sql() {
            return sql;
        }

        /** ParseComplete arrived: later reads of the text skip the Parse. */
        void parsed() {
            entry.parsed = true;
        }

        /** The read failed before its statement was parsed (a genuine error, e.g. no such operator): not kept. */
        void failed() {
            if (!entry.parsed) byShape.remove(key, entry);
        }

        /** PostgreSQL no longer has the statement as prepared (stale, or deallocated): prepared afresh next time. */
        void forget() {
            if (byShape.remove(key, entry)) toClose.add(entry.name);
        }
    }

    /**
     * What to send for {@code sql}, a text of the shape {@code shapeKey} whose masked integers stand at {@code runs},
     * or null to send the client's Query as it is (nothing to parametrise, the statement's Parse not answered yet, or
     * {@link #MAX_STATEMENTS} reached). {@code schemaEpoch}: {@link StatementPlanner#schemaEpoch} now; statements
     * prepared under an earlier one are closed first.
     */
    Use use(String sql, String shapeKey, int[] runs, long schemaEpoch) {
        StringBuilder integers = new StringBuilder(runs.length);
        int[] parameters = new int[runs.length];
        int n = 0;
        for (int r = 0; r < runs.length; r += 2) {
            int length = runs[r + 1] - runs[r];
            if (length < placeholderLength(n / 2 + 1)) { // stays a literal: the positions after it must not move
                integers.append('=').append(sql, runs[r], runs[r + 1]).append(';');
                continue;
            }
            integers.append((char) literalType(sql, runs[r], runs[r + 1])).append((char) Math.min(length, Character.MAX_VALUE));
            parameters[n++] = runs[r];
            parameters[n++] = runs[r + 1];
        }
        if (n == 0) return null;
        if (n < parameters.length) parameters = java.util.Arrays.copyOf(parameters, n);
        List<String> closes = List.of();
        if (schemaEpoch != epoch || !toClose.isEmpty()) {
            closes = new ArrayList<>(toClose);
            toClose.clear();
            if (schemaEpoch != epoch) { // then the map is empty below: the read is prepared afresh
                for (Entry e : byShape.values()) closes.add(e.name);
                byShape.clear();
                epoch = schemaEpoch;
            }
        }
        Key key = new Key(shapeKey, integers.toString());
        Entry entry = byShape.get(key);
        FrontendMessage.Parse parse = null;
        if (entry == null && byShape.size() < MAX_STATEMENTS) {
            entry = new Entry(NAME_PREFIX + ++nextName);
            byShape.put(key, entry);
            parse = new FrontendMessage.Parse(entry.name, parametrised(sql, parameters), types(sql, parameters));
        } else if (entry == null || !entry.parsed) {
            toClose.addAll(closes); // they go with the next use
            return null;
        }
        return new Use(key, entry, sql, parameters, closes, parse);
    }

    /** {@code sql} with the integers at {@code parameters} replaced by {@code $1, $2, ...}, each padded with spaces to its length. */
    private static String parametrised(String sql, int[] parameters) {
        StringBuilder text = new StringBuilder(sql.length());
        int copied = 0;
        for (int r = 0; r < parameters.length; r += 2) {
            String placeholder = "$" + (r / 2 + 1);
            text.append(sql, copied, parameters[r]).append(placeholder);
            for (int i = placeholder.length(); i < parameters[r + 1] - parameters[r]; i++) text.append(' ');
            copied = parameters[r + 1];
        }
        return text.append(sql, copied, sql.length()).toString();
    }

    private static List<Integer> types(String sql, int[] parameters) {
        List<Integer> types = new ArrayList<>(parameters.length / 2);
        for (int r = 0; r < parameters.length; r += 2) types.add(literalType(sql, parameters[r], parameters[r + 1]));
        return types;
    }

    private static int placeholderLength(int index) {
        return 1 + (index < 10 ? 1 : index < 100 ? 2 : Integer.toString(index).length());
    }

    private static byte[] encoded(List<FrontendMessage> messages) {
        ByteBuf b = Unpooled.buffer();
        for (FrontendMessage m : messages) m.encode(b);
        byte[] bytes = ByteBufUtil.getBytes(b);
        b.release();
        return bytes;
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
        byShape.clear();
        toClose.clear();
    }

    int size() {
        return byShape.size();
    }

    /**
     * The type PostgreSQL's parser gives an integer literal of these digits (no sign, no leading zero): integer when
     * it fits, else bigint when it fits, else numeric.
     */
    static int literalType(String digits) {
        return literalType(digits, 0, digits.length());
    }

    private static int literalType(String sql, int start, int end) {
        int length = end - start;
        if (length < 10) return INT4;
        if (length > 19) return NUMERIC;
        String digits = sql.substring(start, end);
        if (length == 19 && digits.compareTo(Long.toString(Long.MAX_VALUE)) > 0) return NUMERIC;
        return Long.parseLong(digits) <= Integer.MAX_VALUE ? INT4 : INT8;
    }
}
