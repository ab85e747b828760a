import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a deterministic corpus of realistic migration SQL for the lint benchmark:
 * {@code java Generate.java <out-dir> [total-MiB=64] [file-KiB=1024]}.
 *
 * Each file is a run of migrations: CREATE TABLE with many column types, CREATE INDEX ASYNC (and
 * sometimes without ASYNC), ALTER TABLE variants, INSERT/UPDATE batches, line and block comments,
 * dollar-quoted function bodies, transaction blocks, and a sprinkling of what DSQL rejects
 * (TRUNCATE, SERIAL, triggers, extensions, SAVEPOINT, LOCK, FOR UPDATE NOWAIT, temp tables ...),
 * so both linters have real work to report. Files are cut at statement boundaries at about
 * file-KiB each, because squawk is slow on single huge files.
 */
public final class Generate {
    private static final String[] TYPES = {
        "uuid", "bigint", "integer", "smallint", "text", "varchar(255)", "char(2)", "boolean", "numeric(12,2)",
        "double precision", "real", "timestamptz", "timestamp", "date", "time", "interval", "bytea", "jsonb",
        "inet", "varchar(64)"};
    private static final String[] WORDS = {
        "account", "order", "invoice", "customer", "product", "shipment", "payment", "session", "event",
        "tenant", "user", "audit", "ledger", "price", "stock", "review", "coupon", "refund", "address", "note"};

    private final Random rnd = new Random(20261126L);
    private int table;

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: java Generate.java <out-dir> [total-MiB=64] [file-KiB=1024]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        long totalBytes = (args.length > 1 ? Long.parseLong(args[1]) : 64) << 20;
        long fileBytes = (args.length > 2 ? Long.parseLong(args[2]) : 1024) << 10;
        Files.createDirectories(out);
        new Generate().run(out, totalBytes, fileBytes);
    }

    private void run(Path out, long totalBytes, long fileBytes) throws IOException {
        long written = 0;
        int fileNo = 0;
        while (written < totalBytes) {
            fileNo++;
            Path f = out.resolve(String.format(Locale.ROOT, "V%04d__migration.sql", fileNo));
            long size = 0;
            try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                while (size < fileBytes) {
                    String m = migration();
                    w.write(m);
                    size += m.getBytes(StandardCharsets.UTF_8).length;
                }
            }
            written += size;
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MiB in %s%n", fileNo, written / 1048576.0, out);
    }

    private String word() {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    private String migration() {
        StringBuilder sb = new StringBuilder(4096);
        int t = ++table;
        String name = word() + "_" + t;
        sb.append("-- Migration ").append(t).append(": ").append(name).append("\n");
        sb.append("/* Generated for the dsqlkit lint benchmark; ").append(word()).append(" domain. */\n");
        createTable(sb, name);
        int k = rnd.nextInt(10);
        if (k < 7) {
            sb.append("CREATE INDEX ASYNC IF NOT EXISTS ").append(name).append("_created_idx ON ").append(name)
                    .append(" (tenant_id, created_at);\n");
        } else {
            sb.append("CREATE INDEX ").append(name).append("_created_idx ON ").append(name).append(" (created_at);\n");
        }
        if (rnd.nextInt(4) == 0) {
            sb.append("CREATE UNIQUE INDEX ASYNC ").append(name).append("_code_key ON ").append(name).append(" (code);\n");
        }
        alter(sb, name);
        data(sb, name);
        if (rnd.nextInt(3) == 0) function(sb, name);
        violation(sb, name);
        sb.append("\n");
        return sb.toString();
    }

    private void createTable(StringBuilder sb, String name) {
        sb.append("CREATE TABLE IF NOT EXISTS ").append(name).append(" (\n");
        sb.append("    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),\n");
        sb.append("    tenant_id uuid NOT NULL,\n");
        sb.append("    code varchar(32) NOT NULL,\n");
        int cols = 4 + rnd.nextInt(12);
        for (int i = 0; i < cols; i++) {
            String type = TYPES[rnd.nextInt(TYPES.length)];
            String column = word() + "_" + i;
            sb.append("    ").append(column).append(' ').append(type);
            if (rnd.nextInt(3) == 0) sb.append(" NOT NULL");
            if (type.equals("boolean") && rnd.nextBoolean()) sb.append(" DEFAULT false");
            if (type.equals("text") && rnd.nextInt(4) == 0) sb.append(" CHECK (char_length(").append(column).append(") < 4096)");
            sb.append(",\n");
        }
        sb.append("    created_at timestamptz NOT NULL DEFAULT now(),\n");
        sb.append("    updated_at timestamptz\n");
        sb.append(");\n");
    }

    private void alter(StringBuilder sb, String name) {
        switch (rnd.nextInt(8)) {
            case 0 -> sb.append("ALTER TABLE ").append(name).append(" ADD COLUMN archived boolean;\n");
            case 1 -> sb.append("ALTER TABLE ").append(name).append(" ADD COLUMN status text DEFAULT 'active' NOT NULL;\n");
            case 2 -> sb.append("ALTER TABLE ").append(name).append(" ALTER COLUMN code TYPE varchar(64);\n");
            case 3 -> sb.append("ALTER TABLE ").append(name).append(" RENAME COLUMN updated_at TO modified_at;\n");
            case 4 -> sb.append("ALTER TABLE ").append(name).append(" ADD CONSTRAINT ").append(name)
                    .append("_tenant_fk FOREIGN KEY (tenant_id) REFERENCES tenant_1 (id);\n");
            case 5 -> sb.append("ALTER TABLE ").append(name).append(" ALTER COLUMN updated_at SET DEFAULT now();\n");
            case 6 -> sb.append("COMMENT ON TABLE ").append(name).append(" IS 'Owned by the ").append(word()).append(" team; see ADR-").append(rnd.nextInt(300)).append("';\n");
            default -> sb.append("ALTER TABLE ").append(name).append(" DROP COLUMN IF EXISTS legacy_flag;\n");
        }
    }

    private void data(StringBuilder sb, String name) {
        int rows = 2 + rnd.nextInt(8);
        sb.append("INSERT INTO ").append(name).append(" (tenant_id, code, created_at) VALUES\n");
        for (int i = 0; i < rows; i++) {
            sb.append("    ('").append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append("', '")
                    .append(word().toUpperCase(Locale.ROOT)).append("-").append(rnd.nextInt(100000))
                    .append("', now() - interval '").append(rnd.nextInt(90)).append(" days')")
                    .append(i + 1 < rows ? ",\n" : "\n");
        }
        sb.append("ON CONFLICT (id) DO NOTHING;\n");
        sb.append("UPDATE ").append(name).append(" SET updated_at = now() WHERE code LIKE '")
                .append(word().toUpperCase(Locale.ROOT)).append("-%' AND created_at < now() - interval '30 days';\n");
        if (rnd.nextInt(5) == 0) {
            sb.append("DELETE FROM ").append(name).append(" WHERE id IN (SELECT id FROM ").append(name)
                    .append(" WHERE updated_at IS NULL LIMIT 1000);\n");
        }
    }

    private void function(StringBuilder sb, String name) {
        sb.append("CREATE OR REPLACE FUNCTION ").append(name).append("_touch(p_id uuid) RETURNS integer\n")
                .append("LANGUAGE plpgsql AS $fn$\n")
                .append("DECLARE\n    n integer;\n")
                .append("BEGIN\n")
                .append("    -- semicolons inside the body must not split the statement;\n")
                .append("    UPDATE ").append(name).append(" SET updated_at = now() WHERE id = p_id;\n")
                .append("    GET DIAGNOSTICS n = ROW_COUNT;\n")
                .append("    RAISE NOTICE 'touched % row(s); ok', n;\n")
                .append("    RETURN n;\n")
                .append("END;\n$fn$;\n");
    }

    private void violation(StringBuilder sb, String name) {
        switch (rnd.nextInt(24)) {
            case 0 -> sb.append("TRUNCATE ").append(name).append(";\n");
            case 1 -> sb.append("CREATE TABLE ").append(name).append("_seq_demo (id serial PRIMARY KEY, label text);\n");
            case 2 -> sb.append("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n");
            case 3 -> sb.append("BEGIN;\nCREATE TABLE ").append(name).append("_a (id uuid PRIMARY KEY);\nCREATE TABLE ")
                    .append(name).append("_b (id uuid PRIMARY KEY);\nCOMMIT;\n");
            case 4 -> sb.append("BEGIN;\nSAVEPOINT before_backfill;\nUPDATE ").append(name)
                    .append(" SET code = upper(code);\nRELEASE SAVEPOINT before_backfill;\nCOMMIT;\n");
            case 5 -> sb.append("LOCK TABLE ").append(name).append(" IN ACCESS EXCLUSIVE MODE;\n");
            case 6 -> sb.append("SELECT * FROM ").append(name).append(" WHERE id = '")
                    .append(new java.util.UUID(rnd.nextLong(), rnd.nextLong())).append("' FOR UPDATE NOWAIT;\n");
            case 7 -> sb.append("CREATE TEMPORARY TABLE tmp_").append(name).append(" (id uuid);\n");
            case 8 -> sb.append("CREATE INDEX CONCURRENTLY ").append(name).append("_code_idx ON ").append(name).append(" USING btree (code DESC);\n");
            case 9 -> sb.append("CREATE TABLE ").append(name).append("_tags (id uuid PRIMARY KEY, tags text[]);\n");
            case 10 -> sb.append("SELECT pg_advisory_lock(").append(rnd.nextInt(1000)).append(");\n");
            case 11 -> sb.append("CREATE TRIGGER ").append(name).append("_trg BEFORE UPDATE ON ").append(name)
                    .append(" FOR EACH ROW EXECUTE FUNCTION ").append(name).append("_touch();\n");
            default -> { }
        }
    }
}
