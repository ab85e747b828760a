package io.dsqlkit.migrate.load;

import io.dsqlkit.client.OccRetry;
import io.dsqlkit.migrate.progress.ProgressListener;
import io.dsqlkit.migrate.progress.ProgressMeter;
import io.dsqlkit.migrate.support.PinnedDataSource;
import io.dsqlkit.migrate.support.Sql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

/**
 * Bulk load of CSV, TSV or JSON lines with {@code COPY ... FROM STDIN} in chunks that stay under
 * DSQL's per-transaction limits (3,000 rows, 10 MiB; dsql-facts §2), on N connections in parallel.
 * Each chunk's COPY and its manifest row commit together, so re-runs are idempotent. A chunk that
 * fails on a limit is halved; one that fails on bad data (class 22/23) is bisected down to the bad
 * rows, which go to the reject file with their line numbers and the server's reason.
 */
public final class Loader {
    private final DataSource dataSource;
    private final LoadManifest manifest;
    private final OccRetry retry;

    public Loader(DataSource dataSource) {
        this(dataSource, new LoadManifest(LoadManifest.TABLE), OccRetry.defaults());
    }

    public Loader(DataSource dataSource, LoadManifest manifest, OccRetry retry) {
        this.dataSource = dataSource;
        this.manifest = manifest;
        this.retry = retry;
    }

    private record Chunk(List<InputRecord> records, byte[] csv) {
        long first() {
            return records.get(0).line();
        }

        long last() {
            return records.get(records.size() - 1).line();
        }
    }

    public LoadReport load(LoadSpec spec, ProgressListener listener) throws IOException, SQLException {
        String loadId = spec.loadId() != null ? spec.loadId() : defaultLoadId(spec);
        return load(spec, loadId, null, readerColumns -> RecordReader.of(spec.format(), open(spec.file()), spec.header(), readerColumns),
                () -> new RejectWriter(spec.rejectFile()), "load " + spec.file().getFileName(), listener);
    }

    /**
     * Loads records that are already in memory (e.g. the rows of an MCP tool call) exactly as a file is
     * loaded: the same chunks under DSQL's limits, manifest, OCC retry, halving and bisection. Each
     * record's {@link InputRecord#line()} is its position (1-based) and what a re-run with the same
     * {@code spec.loadId()} skips when covered; {@code spec.columns()} names the target columns and
     * {@code spec.file()} is not read.
     */
    public LoadReport load(LoadSpec spec, RecordReader records, Rejects rejects, ProgressListener listener)
            throws IOException, SQLException {
        return load(spec, null, records, rejects, listener);
    }

    /**
     * As {@link #load(LoadSpec, RecordReader, Rejects, ProgressListener)}, and the load is bound to
     * {@code fingerprint} (a hash of what it inserts): the first run records it, and a later run under
     * the same load id with another fingerprint fails with {@link LoadInputChanged} before anything is
     * written, so a resume never skips rows it was not given before.
     */
    public LoadReport load(LoadSpec spec, String fingerprint, RecordReader records, Rejects rejects, ProgressListener listener)
            throws IOException, SQLException {
        if (spec.columns() == null || spec.loadId() == null) {
            throw new IllegalArgumentException("records from memory need the target columns and a load id");
        }
        return load(spec, spec.loadId(), fingerprint, readerColumns -> records, () -> rejects, "load into " + spec.table(), listener);
    }

    /** Where rejected records go: their line (or position), the reason, and the raw text when there is one. */
    public interface Rejects extends AutoCloseable {
        void write(long line, String reason, String raw) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** Opens the input once the target columns are known (JSON lines are read against them). */
    private interface ReaderOpener {
        RecordReader open(List<String> readerColumns) throws IOException;
    }

    /** Opens the reject sink once the table is known to exist. */
    private interface RejectsOpener {
        Rejects open() throws IOException;
    }

    private LoadReport load(LoadSpec spec, String loadId, String fingerprint, ReaderOpener opener, RejectsOpener rejectsOpener,
                            String what, ProgressListener listener) throws IOException, SQLException {
        List<TargetColumn> tableColumns;
        LoadManifest.State state;
        long baseline;
        try (Connection c = dataSource.getConnection()) {
            tableColumns = TargetColumn.of(c, spec.table());
            manifest.ensure(c);
            state = manifest.read(c, loadId);
            if (state.baseline() == null) {
                baseline = count(c, spec.table());
                final long b = baseline;
                retry.run(dataSource, tx -> {
                    manifest.insert(tx, loadId, 0, 0, (int) Math.min(Integer.MAX_VALUE, b), 0, "baseline: table rows before the load");
                    if (fingerprint != null) manifest.recordFingerprint(tx, loadId, fingerprint);
                    return null;
                });
            } else {
                baseline = state.baseline();
                String recorded = fingerprint == null ? null : manifest.fingerprint(c, loadId);
                if (recorded != null && !recorded.equals(fingerprint)) throw new LoadInputChanged(loadId);
            }
        }
        List<String> tableNames = tableColumns.stream().map(TargetColumn::name).toList();
        // JSON objects name their fields: check them against the table, not against the first object.
        List<String> readerColumns = spec.columns() != null || spec.format() != LoadFormat.JSONL ? spec.columns() : tableNames;
        try (RecordReader reader = opener.open(readerColumns); Rejects rejects = rejectsOpener.open()) {
            List<String> names = readerColumns != null ? readerColumns : reader.columns();
            if (names == null || names.isEmpty()) names = tableNames;
            List<TargetColumn> targets = resolve(names, tableColumns, spec.table());
            String copySql = "COPY " + Sql.qualified(spec.table()) + " (" + Sql.idents(targets.stream().map(TargetColumn::name).toList())
                    + ") FROM STDIN WITH (FORMAT csv)";

            ProgressMeter meter = new ProgressMeter(what, -1, 0, listener);
            AtomicLong loadedThisRun = new AtomicLong();
            AtomicLong rejectedServer = new AtomicLong();
            AtomicReference<Exception> failure = new AtomicReference<>();
            BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(spec.parallelism() * 2);
            Chunk poison = new Chunk(List.of(), new byte[0]);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < spec.parallelism(); w++) {
                Thread t = new Thread(() -> {
                    try (PinnedDataSource ds = new PinnedDataSource(dataSource)) {
                        while (true) {
                            Chunk ch = queue.take();
                            if (ch == poison) return;
                            if (failure.get() != null) continue;
                            try {
                                loadChunk(ds, copySql, loadId, ch, rejects, loadedThisRun, rejectedServer, meter);
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "dsqlkit-load-" + w);
                t.start();
                workers.add(t);
            }

            long read = 0;
            long rejectedClient = 0;
            long rejectedEarlier = 0;
            long skipped = 0;
            List<InputRecord> current = new ArrayList<>();
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                for (InputRecord r = reader.next(); r != null; r = reader.next()) {
                    read++;
                    // Client-side checks first: they are deterministic, and a rejected line may sit
                    // inside the range of a committed chunk.
                    if (spec.rejectsLimited() && rejectedClient + rejectedServer.get() + rejectedEarlier > spec.maxRejects()) break;
                    String problem = check(r, targets);
                    if (problem != null) {
                        rejects.write(r.line(), problem, r.raw());
                        rejectedClient++;
                        continue;
                    }
                    if (state.covers(r.line())) {
                        String reason = state.rejected().get(r.line());
                        if (reason != null) {
                            rejects.write(r.line(), reason, r.raw());
                            rejectedEarlier++;
                        } else {
                            skipped++;
                        }
                        continue;
                    }
                    byte[] row = encode(r.values());
                    if (!current.isEmpty() && (current.size() >= spec.chunkRows() || buf.size() + row.length > spec.chunkBytes())) {
                        put(queue, new Chunk(current, buf.toByteArray()), failure);
                        current = new ArrayList<>();
                        buf.reset();
                    }
                    current.add(r);
                    buf.write(row);
                }
                if (!current.isEmpty()) put(queue, new Chunk(current, buf.toByteArray()), failure);
            } finally {
                for (int i = 0; i < workers.size(); i++) putQuietly(queue, poison);
                for (Thread t : workers) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            meter.finish();
            if (failure.get() != null) {
                Exception e = failure.get();
                throw new SQLException("load " + loadId + " stopped: " + Sql.message(e) + " (committed chunks are in the "
                        + "manifest; re-run the same command to resume)", Sql.state(e), e);
            }
            long rejectedSoFar = rejectedClient + rejectedServer.get() + rejectedEarlier;
            if (spec.rejectsLimited() && rejectedSoFar > spec.maxRejects()) {
                throw new TooManyRejectsException("load " + loadId + " stopped: " + rejectedSoFar + " rows rejected, more than "
                        + "--max-rejects " + spec.maxRejects() + "; the reasons and line numbers are in " + spec.rejectFile()
                        + ". Fix the input (or raise --max-rejects) and re-run the same command: committed chunks are not loaded twice");
            }
            long loaded;
            long tableRows;
            try (Connection c = dataSource.getConnection()) {
                loaded = manifest.loadedTotal(c, loadId);
                tableRows = count(c, spec.table());
            }
            long rejected = rejectedClient + rejectedServer.get() + rejectedEarlier;
            return new LoadReport(loadId, read, loaded, loadedThisRun.get(), rejected, skipped, baseline, tableRows,
                    meter.rate(), spec.rejectFile());
        }
    }

    private void loadChunk(DataSource ds, String copySql, String loadId, Chunk ch, Rejects rejects, AtomicLong loaded,
                           AtomicLong rejected, ProgressMeter meter) throws SQLException, IOException {
        try {
            retry.run(ds, c -> {
                CopyManager copy = new CopyManager((org.postgresql.core.BaseConnection) c.unwrap(PGConnection.class));
                try {
                    copy.copyIn(copySql, new ByteArrayInputStream(ch.csv()));
                } catch (IOException e) {
                    throw new SQLException("COPY stream failed: " + e.getMessage(), "08006", e);
                }
                manifest.insert(c, loadId, ch.first(), ch.last(), ch.records().size(), 0, null);
                return null;
            });
            loaded.addAndGet(ch.records().size());
            meter.add(ch.records().size());
        } catch (SQLException e) {
            boolean limit = Sql.isTransactionLimit(e);
            boolean data = Sql.isDataError(e);
            if ((limit || data) && ch.records().size() > 1) {
                int mid = ch.records().size() / 2;
                loadChunk(ds, copySql, loadId, sub(ch.records().subList(0, mid)), rejects, loaded, rejected, meter);
                loadChunk(ds, copySql, loadId, sub(ch.records().subList(mid, ch.records().size())), rejects, loaded, rejected, meter);
                return;
            }
            if (data || limit) {
                InputRecord r = ch.records().get(0);
                String reason = Sql.message(e) + " [SQLSTATE " + Sql.state(e) + "]";
                retry.run(ds, c -> {
                    manifest.insert(c, loadId, r.line(), r.line(), 0, 1, reason);
                    return null;
                });
                rejects.write(r.line(), reason, r.raw());
                rejected.incrementAndGet();
                return;
            }
            throw e;
        }
    }

    private static Chunk sub(List<InputRecord> records) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InputRecord r : records) out.write(encode(r.values()));
        return new Chunk(List.copyOf(records), out.toByteArray());
    }

    private static String check(InputRecord r, List<TargetColumn> targets) {
        if (r.problem() != null) return r.problem();
        if (r.values().size() != targets.size()) {
            return "expected " + targets.size() + " fields, found " + r.values().size();
        }
        for (int i = 0; i < targets.size(); i++) {
            String p = targets.get(i).problem(r.values().get(i));
            if (p != null) return p;
        }
        return null;
    }

    /** One CSV row: NULL as an unquoted empty field, every value quoted (so "" is the empty string). */
    static byte[] encode(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) sb.append(',');
            String v = values.get(i);
            if (v != null) sb.append('"').append(v.replace("\"", "\"\"")).append('"');
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<TargetColumn> resolve(List<String> names, List<TargetColumn> table, String tableName) {
        List<TargetColumn> out = new ArrayList<>();
        for (String n : names) {
            TargetColumn col = table.stream().filter(t -> t.name().equals(n)).findFirst()
                    .or(() -> table.stream().filter(t -> t.name().equalsIgnoreCase(n)).findFirst())
                    .orElseThrow(() -> new IllegalArgumentException("column '" + n + "' of the input is not a column of "
                            + tableName + " (its columns: " + table.stream().map(TargetColumn::name).toList() + ")"));
            out.add(col);
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + Sql.qualified(table));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The input as UTF-8 text, without a leading byte-order mark (it would become part of the first column name). */
    static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) in = new GZIPInputStream(in, 1 << 16);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        r.mark(1);
        if (r.read() != '\uFEFF') r.reset();
        return r;
    }

    /** More rows were rejected than {@link LoadSpec#maxRejects()} allows. */
    public static final class TooManyRejectsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        TooManyRejectsException(String message) {
            super(message);
        }
    }

    static String defaultLoadId(LoadSpec spec) throws IOException {
        Path abs = spec.file().toAbsolutePath().normalize();
        String key = spec.table() + "|" + abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis();
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "load-" + abs.getFileName() + "-" + HexFormat.of().formatHex(h, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(BlockingQueue<Chunk> q, Chunk c, AtomicReference<Exception> failure) throws IOException {
        try {
            while (!q.offer(c, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (failure.get() != null) return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void putQuietly(BlockingQueue<Chunk> q, Chunk c) {
        try {
            q.put(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The reject file: CSV with header line,reason,record, written as rejections happen. */
    static final class RejectWriter implements Rejects {
        private final BufferedWriter out;

        RejectWriter(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write("line,reason,record\n");
        }

        @Override
        public synchronized void write(long line, String reason, String raw) throws IOException {
            out.write(line + "," + quote(reason) + "," + quote(raw) + "\n");
            out.flush();
        }

        private static String quote(String s) {
            return '"' + (s == null ? "" : s).replace("\"", "\"\"") + '"';
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

}
