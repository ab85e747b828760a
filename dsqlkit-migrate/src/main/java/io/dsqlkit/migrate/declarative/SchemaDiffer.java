package io.dsqlkit.migrate.declarative;

import io.dsqlkit.migrate.declarative.PlanStep.Runs;
import io.dsqlkit.migrate.declarative.SchemaModel.Column;
import io.dsqlkit.migrate.declarative.SchemaModel.Constraint;
import io.dsqlkit.migrate.declarative.SchemaModel.ConstraintKind;
import io.dsqlkit.migrate.declarative.SchemaModel.Identity;
import io.dsqlkit.migrate.declarative.SchemaModel.Index;
import io.dsqlkit.migrate.declarative.SchemaModel.Sequence;
import io.dsqlkit.migrate.declarative.SchemaModel.Table;
import io.dsqlkit.migrate.declarative.SchemaModel.View;
import io.dsqlkit.migrate.support.Sql;
import io.dsqlkit.rules.Profile;
import io.dsqlkit.sql.Lexer;
import io.dsqlkit.sql.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;

/**
 * The pure differ: (live model, desired model, profile) -> ordered steps, each one DSQL-legal
 * transaction. What ALTER cannot reach on DSQL (column TYPE, SET NOT NULL, a new primary key, a new
 * generated or identity column; dsql-facts §1.7) becomes a table recreation: new table, chunked
 * copy, row-count check, swap by rename, drop of the old table. Only schemas the desired files
 * mention are managed; objects in other schemas are left alone.
 */
public final class SchemaDiffer {
    static final String NEW_SUFFIX = "__dsqlkit_new";
    static final String OLD_SUFFIX = "__dsqlkit_old";
    private static final int MAX_INDEXES = 24;
    private static final int MAX_KEY_COLUMNS = 8;

    private final SchemaModel live;
    private final SchemaModel desired;
    private final Profile profile;
    private final List<PlanStep> steps = new ArrayList<>();
    /** Tables (desired qualified names) rebuilt by copy, with the reason. */
    private final Map<String, String> recreate = new LinkedHashMap<>();

    private SchemaDiffer(SchemaModel live, SchemaModel desired, Profile profile) {
        this.live = live.only(desired.schemas);
        this.desired = desired;
        this.profile = profile;
    }

    /** The steps from {@code live} to {@code desired}; a SchemaException when DSQL (or the profile) cannot get there. */
    public static SchemaPlan plan(SchemaModel live, SchemaModel desired, Profile profile) {
        SchemaDiffer d = new SchemaDiffer(live, desired, profile);
        d.checkLimits();
        d.diff();
        SchemaPlan plan = new SchemaPlan(List.copyOf(d.steps), profile);
        PlanLint.check(plan);
        return plan;
    }

    private void step(String action, String object, String sql, Runs runs, boolean destructive) {
        steps.add(new PlanStep(action, object, sql, runs, destructive));
    }

    // ------------------------------------------------------------------ limits DSQL checks at DDL time

    private void checkLimits() {
        for (Table t : desired.tables.values()) {
            int n = desired.indexCount(t.qualified());
            if (n > MAX_INDEXES) throw new SchemaException(t.qualified() + " declares " + n + " indexes (counting the primary key "
                    + "and UNIQUE constraints): DSQL rejects this with 54000 'more than 24 indexes per table are not allowed' "
                    + "(dsql-facts §2); drop some");
            for (Constraint k : t.constraints) {
                if ((k.kind() == ConstraintKind.PRIMARY_KEY || k.kind() == ConstraintKind.UNIQUE) && k.columns().size() > MAX_KEY_COLUMNS) {
                    throw tooManyKeys(t.qualified() + " " + k.kind().name().toLowerCase().replace('_', ' '), k.columns().size());
                }
                for (String col : k.columns()) requireColumn(t, col, "a constraint of " + t.qualified());
            }
        }
        for (Index i : desired.indexes.values()) {
            if (i.keys().size() > MAX_KEY_COLUMNS) throw tooManyKeys("index " + i.qualified(), i.keys().size());
            Table t = desired.tables.get(i.qualifiedTable());
            if (t == null) {
                throw new SchemaException("index " + i.qualified() + " is on " + i.qualifiedTable() + ", which the desired schema does not declare");
            }
            for (String col : i.keys().stream().filter(k -> !k.startsWith("(")).toList()) requireColumn(t, col, "index " + i.qualified());
            for (String col : i.include()) requireColumn(t, col, "index " + i.qualified());
        }
    }

    private static void requireColumn(Table t, String col, String who) {
        if (t.column(col) == null) throw new SchemaException(who + " names column " + col + ", which " + t.qualified() + " does not declare");
    }

    private static SchemaException tooManyKeys(String what, int n) {
        return new SchemaException(what + " has " + n + " key columns: DSQL rejects this with 54011 'more than 8 column keys in "
                + "an index are not supported' (dsql-facts §2); use at most 8 (move the rest to INCLUDE)");
    }

    // ------------------------------------------------------------------ the diff, in execution order

    private void diff() {
        renames();
        decideRecreations();
        Set<String> touched = touchedTables();
        for (String s : desired.schemas) {
            if (!live.schemas.contains(s)) step("create schema", s, "CREATE SCHEMA " + quoteIdentifierIfNeeded(s), Runs.DDL, false);
        }
        List<View> viewsToCreate = new ArrayList<>();
        for (View v : live.views.values()) {
            View want = desired.views.get(v.qualified());
            boolean depends = referencesAny(v.query(), touched);
            if (want == null || !Normalize.sameExpr(want.query(), v.query()) || depends) {
                step("drop view", v.qualified(), "DROP VIEW " + Ddl.q(v.qualified()), Runs.DDL, false);
                if (want != null) viewsToCreate.add(want);
            }
        }
        for (View v : desired.views.values()) if (!live.views.containsKey(v.qualified())) viewsToCreate.add(v);
        dropForeignKeys();
        List<Constraint> fksToAdd = new ArrayList<>();
        List<Index> indexesToCreate = new ArrayList<>();
        for (Index i : live.indexes.values()) {
            Index want = desired.indexes.get(i.qualified());
            boolean gone = !desired.tables.containsKey(i.qualifiedTable());
            if (recreate.containsKey(i.qualifiedTable()) || gone) continue; // goes with its table
            if (want == null || !sameIndex(want, i)) {
                step("drop index", i.qualified(), "DROP INDEX " + Ddl.q(i.qualified()), Runs.DDL, false);
                if (want != null) indexesToCreate.add(want);
            }
        }
        for (Index i : desired.indexes.values()) {
            if (!live.indexes.containsKey(i.qualified()) || recreate.containsKey(i.qualifiedTable())) indexesToCreate.add(i);
        }
        for (boolean referencing : new boolean[]{true, false}) {
            for (Table t : live.tables.values()) {
                boolean hasFk = !t.constraints(ConstraintKind.FOREIGN_KEY).isEmpty();
                if (!desired.tables.containsKey(t.qualified()) && hasFk == referencing) {
                    step("drop table", t.qualified(), "DROP TABLE " + Ddl.q(t.qualified()), Runs.DDL, true);
                }
            }
        }
        for (Sequence s : desired.sequences.values()) sequence(s, live.sequences.get(s.qualified()));
        for (Table t : desired.tables.values()) {
            Table have = live.tables.get(t.qualified());
            if (have == null) createTable(t);
            else if (recreate.containsKey(t.qualified())) recreateTable(have, t);
            else alterTable(have, t);
        }
        for (Index i : indexesToCreate) step("create index", i.qualified(), Ddl.createIndex(i), Runs.ASYNC, false);
        for (Table t : desired.tables.values()) {
            Table have = live.tables.get(t.qualified());
            for (Constraint k : t.constraints(ConstraintKind.FOREIGN_KEY)) {
                boolean exists = have != null && !recreate.containsKey(t.qualified()) && find(have, k) != null;
                if (!exists) fksToAdd.add(k);
            }
        }
        addForeignKeys(fksToAdd);
        for (View v : viewsToCreate) {
            step("create view", v.qualified(), Ddl.createView(v), Runs.DDL, false);
            if (v.comment() != null) step("comment", v.qualified(), Ddl.comment("VIEW", Ddl.q(v.qualified()), v.comment()), Runs.DDL, false);
        }
        for (View v : desired.views.values()) {
            View have = live.views.get(v.qualified());
            if (have != null && !viewsToCreate.contains(v) && !Objects.equals(have.comment(), v.comment())) {
                step("comment", v.qualified(), Ddl.comment("VIEW", Ddl.q(v.qualified()), v.comment()), Runs.DDL, false);
            }
        }
        for (Sequence s : live.sequences.values()) {
            if (!desired.sequences.containsKey(s.qualified())) {
                step("drop sequence", s.qualified(), "DROP SEQUENCE " + Ddl.q(s.qualified()), Runs.DDL, true);
            }
        }
    }

    // ------------------------------------------------------------------ renames (only when the file says so)

    private void renames() {
        for (Table t : desired.tables.values()) {
            if (t.renamedFrom != null && !live.tables.containsKey(t.qualified())) {
                Table old = live.tables.remove(t.schema + "." + t.renamedFrom);
                if (old == null) continue; // already renamed, or never existed: nothing to rename
                step("rename table", t.schema + "." + t.renamedFrom, "ALTER TABLE " + Ddl.q(t.schema, t.renamedFrom) + " RENAME TO "
                        + quoteIdentifierIfNeeded(t.name), Runs.DDL, false);
                Table moved = new Table(t.schema, t.name);
                moved.columns.addAll(old.columns);
                moved.comment = old.comment;
                for (Constraint k : old.constraints) moved.constraints.add(k);
                live.tables.put(moved.qualified(), moved);
                for (Map.Entry<String, Index> e : new ArrayList<>(live.indexes.entrySet())) {
                    Index i = e.getValue();
                    if (i.table().equals(t.renamedFrom) && i.schema().equals(t.schema)) {
                        live.indexes.put(e.getKey(), new Index(i.schema(), i.name(), t.name, i.unique(), i.keys(), i.include(),
                                i.nullsNotDistinct(), i.where()));
                    }
                }
                renameReferences(t.schema + "." + t.renamedFrom, t.qualified());
            }
        }
        for (Table t : desired.tables.values()) {
            Table have = live.tables.get(t.qualified());
            if (have == null) continue;
            for (Column c : t.columns) {
                if (c.renamedFrom() == null || have.column(c.name()) != null) continue;
                Column old = have.column(c.renamedFrom());
                if (old == null) continue;
                step("rename column", t.qualified() + "." + c.renamedFrom(), "ALTER TABLE " + Ddl.q(t.qualified()) + " RENAME COLUMN "
                        + quoteIdentifierIfNeeded(c.renamedFrom()) + " TO " + quoteIdentifierIfNeeded(c.name()), Runs.DDL, false);
                have.columns.set(have.columns.indexOf(old), new Column(c.name(), old.type(), old.notNull(), old.defaultExpr(),
                        old.identity(), old.generatedExpr(), old.comment(), null));
                renameColumnInConstraints(have, c.renamedFrom(), c.name());
            }
        }
    }

    private void renameReferences(String from, String to) {
        for (Table t : live.tables.values()) {
            for (int i = 0; i < t.constraints.size(); i++) {
                Constraint k = t.constraints.get(i);
                if (from.equals(k.refTable())) t.constraints.set(i, new Constraint(k.name(), k.kind(), k.columns(), k.checkExpr(), to,
                        k.refColumns(), k.onDelete(), k.onUpdate()));
            }
        }
    }

    private void renameColumnInConstraints(Table t, String from, String to) {
        for (int i = 0; i < t.constraints.size(); i++) {
            Constraint k = t.constraints.get(i);
            List<String> cols = k.columns().stream().map(x -> x.equals(from) ? to : x).toList();
            t.constraints.set(i, new Constraint(k.name(), k.kind(), cols, k.checkExpr() == null ? null : renameIdent(k.checkExpr(), from, to),
                    k.refTable(), k.refColumns(), k.onDelete(), k.onUpdate()));
        }
        for (Map.Entry<String, Index> e : new ArrayList<>(live.indexes.entrySet())) {
            Index i = e.getValue();
            if (!i.qualifiedTable().equals(t.qualified())) continue;
            live.indexes.put(e.getKey(), new Index(i.schema(), i.name(), i.table(), i.unique(),
                    i.keys().stream().map(x -> x.equals(from) ? to : x.startsWith("(") ? renameIdent(x, from, to) : x).toList(),
                    i.include().stream().map(x -> x.equals(from) ? to : x).toList(), i.nullsNotDistinct(),
                    i.where() == null ? null : renameIdent(i.where(), from, to)));
        }
        for (Table o : live.tables.values()) {
            for (int i = 0; i < o.constraints.size(); i++) {
                Constraint k = o.constraints.get(i);
                if (t.qualified().equals(k.refTable()) && k.refColumns() != null) {
                    o.constraints.set(i, new Constraint(k.name(), k.kind(), k.columns(), k.checkExpr(), k.refTable(),
                            k.refColumns().stream().map(x -> x.equals(from) ? to : x).toList(), k.onDelete(), k.onUpdate()));
                }
            }
        }
    }

    /** PostgreSQL rewrites stored expressions on RENAME COLUMN; so does the model. */
    private static String renameIdent(String expr, String from, String to) {
        StringBuilder sb = new StringBuilder();
        for (Token t : Lexer.tokenize(expr)) {
            sb.append((t.is(io.dsqlkit.sql.TokenType.IDENTIFIER) || t.is(io.dsqlkit.sql.TokenType.QUOTED_IDENTIFIER))
                    && t.identifierValue().equals(from) ? quoteIdentifierIfNeeded(to) : t.text());
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ which tables need a rebuild

    private void decideRecreations() {
        for (Table t : desired.tables.values()) {
            Table have = live.tables.get(t.qualified());
            if (have == null) continue;
            String why = recreationReason(have, t);
            if (why != null) recreate.put(t.qualified(), why);
        }
    }

    private String recreationReason(Table have, Table want) {
        Constraint pk = want.primaryKey();
        Constraint havePk = have.primaryKey();
        if (!Objects.equals(pk == null ? null : pk.columns(), havePk == null ? null : havePk.columns())) {
            return "primary key " + (havePk == null ? "(none)" : havePk.columns()) + " -> " + (pk == null ? "(none)" : pk.columns());
        }
        for (Column c : want.columns) {
            Column h = have.column(c.name());
            if (h == null) {
                if (c.notNull() && c.identity() == null) return "new column " + c.name() + " is NOT NULL (ADD COLUMN takes no constraint)";
                if (c.generatedExpr() != null) return "new generated column " + c.name();
                if (c.identity() != null) return "new identity column " + c.name();
                continue;
            }
            if (!c.type().equals(h.type())) return "column " + c.name() + " type " + h.type() + " -> " + c.type();
            if (c.notNull() && !h.notNull()) return "column " + c.name() + " becomes NOT NULL (SET NOT NULL is rejected)";
            if (c.generatedExpr() != null && !Normalize.sameExpr(c.generatedExpr(), h.generatedExpr())) {
                return "generated column " + c.name() + " expression";
            }
            if (c.identity() != null && h.identity() == null && !(h.notNull() && "bigint".equals(h.type()))) {
                return "column " + c.name() + " becomes an identity";
            }
        }
        for (Column h : have.columns) {
            if (want.column(h.name()) == null && pk != null && pk.columns().contains(h.name())) return "primary-key column " + h.name() + " dropped";
        }
        return null;
    }

    /** Tables whose columns change in any way (views reading them are dropped and recreated around the change). */
    private Set<String> touchedTables() {
        Set<String> out = new HashSet<>(recreate.keySet());
        for (Table h : live.tables.values()) {
            Table w = desired.tables.get(h.qualified());
            if (w == null) {
                out.add(h.qualified());
                continue;
            }
            for (Column c : h.columns) if (w.column(c.name()) == null) out.add(h.qualified());
        }
        return out;
    }

    private static boolean referencesAny(String query, Set<String> tables) {
        Set<String> names = new HashSet<>();
        for (Token t : Lexer.tokenize(query)) {
            if (t.is(io.dsqlkit.sql.TokenType.IDENTIFIER) || t.is(io.dsqlkit.sql.TokenType.QUOTED_IDENTIFIER)) names.add(t.identifierValue());
        }
        for (String q : tables) {
            String[] parts = q.split("\\.");
            if (names.contains(parts[parts.length - 1])) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ foreign keys

    /** Drops FKs that change, disappear, or point at a table being rebuilt (re-added after it). */
    private void dropForeignKeys() {
        for (Table h : live.tables.values()) {
            Table w = desired.tables.get(h.qualified());
            if (w == null) continue; // the table is dropped before anything it references
            for (Constraint k : h.constraints(ConstraintKind.FOREIGN_KEY)) {
                Constraint want = find(w, k);
                boolean targetRebuilt = recreate.containsKey(k.refTable()) || !desired.tables.containsKey(k.refTable());
                // a rebuilt table's own FKs go with its old copy, unless they hold up another rebuild's DROP
                if (recreate.containsKey(h.qualified()) && !targetRebuilt) continue;
                if (want == null || targetRebuilt) {
                    step("drop foreign key", h.qualified() + "." + k.name(), "ALTER TABLE " + Ddl.q(h.qualified())
                            + " DROP CONSTRAINT " + quoteIdentifierIfNeeded(k.name()), Runs.DDL, false);
                    h.constraints.remove(k);
                }
            }
        }
    }

    private void addForeignKeys(List<Constraint> fks) {
        for (Table t : desired.tables.values()) {
            for (Constraint k : t.constraints(ConstraintKind.FOREIGN_KEY)) {
                if (fks.stream().noneMatch(x -> x == k)) continue;
                String name = k.name() != null ? k.name() : defaultName(t.name, k.columns(), "fkey");
                addValidated(t, k.withName(name), "foreign key");
            }
        }
    }

    /** ADD CONSTRAINT ... NOT VALID, then ALTER TABLE ASYNC ... VALIDATE CONSTRAINT (dsql-facts §1.7, §1.8). */
    private void addValidated(Table t, Constraint k, String what) {
        step("add " + what, t.qualified() + "." + k.name(), "ALTER TABLE " + Ddl.q(t.qualified()) + " ADD " + Ddl.constraint(k, null)
                + " NOT VALID", Runs.DDL, false);
        step("validate " + what, t.qualified() + "." + k.name(), "ALTER TABLE ASYNC " + Ddl.q(t.qualified()) + " VALIDATE CONSTRAINT "
                + quoteIdentifierIfNeeded(k.name()), Runs.ASYNC, false);
    }

    private static Constraint find(Table t, Constraint k) {
        for (Constraint c : t.constraints) {
            if (c.kind() != k.kind()) continue;
            boolean namesAgree = c.name() == null || k.name() == null || c.name().equals(k.name());
            if (namesAgree && c.sameDefinition(k)) return c;
        }
        return null;
    }

    /** PostgreSQL's name for an unnamed constraint: table_col1_col2_suffix (63 bytes at most). */
    static String defaultName(String table, List<String> cols, String suffix) {
        String n = table + (cols.isEmpty() ? "" : "_" + String.join("_", cols)) + "_" + suffix;
        return n.length() > 63 ? n.substring(0, 63) : n;
    }

    // ------------------------------------------------------------------ tables

    private void createTable(Table t) {
        step("create table", t.qualified(), Ddl.createTable(t, t.name, Map.of(), false), Runs.DDL, false);
        comments(t, null);
    }

    private void comments(Table t, Table have) {
        if (!Objects.equals(t.comment, have == null ? null : have.comment)) {
            step("comment", t.qualified(), Ddl.comment("TABLE", Ddl.q(t.qualified()), t.comment), Runs.DDL, false);
        }
        for (Column c : t.columns) {
            Column h = have == null ? null : have.column(c.name());
            if (!Objects.equals(c.comment(), h == null ? null : h.comment())) {
                step("comment", t.qualified() + "." + c.name(), Ddl.comment("COLUMN", Ddl.q(t.qualified()) + "." + quoteIdentifierIfNeeded(c.name()),
                        c.comment()), Runs.DDL, false);
            }
        }
    }

    private void alterTable(Table have, Table want) {
        String t = Ddl.q(want.qualified());
        for (Constraint k : new ArrayList<>(have.constraints)) {
            if (k.kind() == ConstraintKind.FOREIGN_KEY || k.kind() == ConstraintKind.PRIMARY_KEY) continue;
            if (find(want, k) == null) {
                step("drop " + (k.kind() == ConstraintKind.CHECK ? "check" : "unique") + " constraint", want.qualified() + "." + k.name(),
                        "ALTER TABLE " + t + " DROP CONSTRAINT " + quoteIdentifierIfNeeded(k.name()), Runs.DDL, false);
                have.constraints.remove(k);
            }
        }
        for (Column h : have.columns) {
            if (want.column(h.name()) == null) {
                step("drop column", want.qualified() + "." + h.name(), "ALTER TABLE " + t + " DROP COLUMN " + quoteIdentifierIfNeeded(h.name()),
                        Runs.DDL, true);
            }
        }
        for (Column c : want.columns) {
            Column h = have.column(c.name());
            String col = quoteIdentifierIfNeeded(c.name());
            if (h == null) {
                step("add column", want.qualified() + "." + c.name(), "ALTER TABLE " + t + " ADD COLUMN " + col + " " + c.type(), Runs.DDL, false);
                if (c.defaultExpr() != null) {
                    step("set default", want.qualified() + "." + c.name(), "ALTER TABLE " + t + " ALTER COLUMN " + col + " SET DEFAULT "
                            + c.defaultExpr(), Runs.DDL, false);
                    step("backfill default", want.qualified() + "." + c.name(), "UPDATE " + t + " SET " + col + " = " + c.defaultExpr()
                            + " WHERE " + col + " IS NULL", Runs.BACKFILL, false);
                }
                continue;
            }
            if (!c.notNull() && h.notNull() && h.identity() == null) {
                step("drop not null", want.qualified() + "." + c.name(), "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP NOT NULL",
                        Runs.DDL, false);
            }
            if (h.generatedExpr() != null && c.generatedExpr() == null) {
                step("drop expression", want.qualified() + "." + c.name(), "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP EXPRESSION",
                        Runs.DDL, false);
            }
            if (!Normalize.sameExpr(c.defaultExpr(), h.defaultExpr()) && c.generatedExpr() == null) {
                step(c.defaultExpr() == null ? "drop default" : "set default", want.qualified() + "." + c.name(), "ALTER TABLE " + t
                        + " ALTER COLUMN " + col + (c.defaultExpr() == null ? " DROP DEFAULT" : " SET DEFAULT " + c.defaultExpr()), Runs.DDL, false);
            }
            identity(want, c, h, t, col);
        }
        for (Constraint k : want.constraints) {
            if (k.kind() == ConstraintKind.FOREIGN_KEY || k.kind() == ConstraintKind.PRIMARY_KEY || find(have, k) != null) continue;
            if (k.kind() == ConstraintKind.CHECK) {
                String name = k.name() != null ? k.name() : freeCheckName(have, want);
                addValidated(want, k.withName(name), "check constraint");
            } else {
                String name = k.name() != null ? k.name() : defaultName(want.name, k.columns(), "key");
                step("create unique index", want.qualified() + "." + name, "CREATE UNIQUE INDEX ASYNC " + quoteIdentifierIfNeeded(name) + " ON " + t
                        + " (" + Sql.idents(k.columns()) + ")", Runs.ASYNC, false);
                step("add unique constraint", want.qualified() + "." + name, "ALTER TABLE " + t + " ADD CONSTRAINT " + quoteIdentifierIfNeeded(name)
                        + " UNIQUE USING INDEX " + quoteIdentifierIfNeeded(name), Runs.DDL, false);
            }
        }
        comments(want, have);
    }

    /** {@code table_check}, {@code table_check1}, ...: the first name neither the live nor the desired table uses. */
    private static String freeCheckName(Table have, Table want) {
        for (int n = 0; ; n++) {
            String name = defaultName(want.name, List.of(), "check" + (n == 0 ? "" : n));
            if (have.constraints.stream().noneMatch(k -> name.equals(k.name())) && want.constraints.stream().noneMatch(k -> name.equals(k.name()))) {
                return name;
            }
        }
    }

    private void identity(Table want, Column c, Column h, String t, String col) {
        Identity w = c.identity();
        Identity g = h.identity();
        String obj = want.qualified() + "." + c.name();
        if (w == null && g != null) {
            step("drop identity", obj, "ALTER TABLE " + t + " ALTER COLUMN " + col + " DROP IDENTITY", Runs.DDL, false);
        } else if (w != null && g == null) {
            step("add identity", obj, "ALTER TABLE " + t + " ALTER COLUMN " + col + " ADD " + Ddl.identity(w), Runs.DDL, false);
        } else if (w != null) {
            StringBuilder sb = new StringBuilder();
            if (w.always() != g.always()) sb.append(" SET GENERATED ").append(w.always() ? "ALWAYS" : "BY DEFAULT");
            if (w.cache() != g.cache()) sb.append(" SET CACHE ").append(w.cache());
            if (!Objects.equals(orOne(w.increment()), orOne(g.increment()))) sb.append(" SET INCREMENT BY ").append(orOne(w.increment()));
            if (!Objects.equals(orOne(w.start()), orOne(g.start()))) sb.append(" SET START WITH ").append(orOne(w.start()));
            if (!sb.isEmpty()) step("alter identity", obj, "ALTER TABLE " + t + " ALTER COLUMN " + col + sb, Runs.DDL, false);
        }
    }

    private static long orOne(Long v) {
        return v == null ? 1 : v;
    }

    private void sequence(Sequence want, Sequence have) {
        String q = Ddl.q(want.qualified());
        if (have == null) {
            step("create sequence", want.qualified(), Ddl.createSequence(want), Runs.DDL, false);
        } else {
            StringBuilder sb = new StringBuilder();
            if (want.cache() != have.cache()) sb.append(" CACHE ").append(want.cache());
            if (want.increment() != have.increment()) sb.append(" INCREMENT BY ").append(want.increment());
            if (want.start() != have.start()) sb.append(" START WITH ").append(want.start());
            if (!sb.isEmpty()) step("alter sequence", want.qualified(), "ALTER SEQUENCE " + q + sb, Runs.DDL, false);
        }
        if (!Objects.equals(want.comment(), have == null ? null : have.comment())) {
            step("comment", want.qualified(), Ddl.comment("SEQUENCE", q, want.comment()), Runs.DDL, false);
        }
    }

    // ------------------------------------------------------------------ recreation

    /**
     * New table under a temporary name, chunked copy, row-count check, swap by rename, drop of the
     * old table; PK and UNIQUE constraints are created under temporary names (their indexes share
     * the schema's namespace with the old table's) and renamed after the swap.
     */
    private void recreateTable(Table have, Table want) {
        String why = recreate.get(want.qualified());
        for (Column c : have.columns) {
            if (c.identity() != null && want.column(c.name()) != null) {
                throw new SchemaException(want.qualified() + " must be recreated (" + why + ") but has identity column " + c.name()
                        + ": the copy cannot carry the identity's position over on DSQL. Make this change by hand (see docs/schema.md), "
                        + "or change the desired schema so the table can be altered in place");
            }
        }
        String fresh = want.name + NEW_SUFFIX;
        String old = want.name + OLD_SUFFIX;
        Map<Constraint, String> temp = new HashMap<>();
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (Constraint k : want.constraints) {
            if (k.kind() != ConstraintKind.PRIMARY_KEY && k.kind() != ConstraintKind.UNIQUE) continue;
            String fin = k.name() != null ? k.name() : k.kind() == ConstraintKind.PRIMARY_KEY ? defaultName(want.name, List.of(), "pkey")
                    : defaultName(want.name, k.columns(), "key");
            String tmp = (fin.length() > 50 ? fin.substring(0, 50) : fin) + "__dsqlkit";
            temp.put(k, tmp);
            finalNames.put(tmp, fin);
        }
        String obj = want.qualified();
        step("recreate table: create", obj, "-- " + why + "\n" + Ddl.createTable(want, fresh, temp, false), Runs.DDL, false);
        List<String> cols = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (Column c : want.columns) {
            if (c.generatedExpr() != null || c.identity() != null && have.column(c.name()) == null) continue;
            Column h = have.column(c.name());
            cols.add(quoteIdentifierIfNeeded(c.name()));
            if (h == null) select.add(c.defaultExpr() != null ? c.defaultExpr() : "NULL");
            else if (!h.type().equals(c.type())) select.add("CAST(" + quoteIdentifierIfNeeded(c.name()) + " AS " + c.type() + ")");
            else select.add(quoteIdentifierIfNeeded(c.name()));
        }
        step("recreate table: copy rows", obj, "INSERT INTO " + Ddl.q(want.schema, fresh) + " (" + String.join(", ", cols) + ")\n    SELECT "
                + String.join(", ", select) + " FROM " + Ddl.q(obj), Runs.COPY, false);
        step("recreate table: check counts", obj, "SELECT (SELECT count(*) FROM " + Ddl.q(obj) + ") = (SELECT count(*) FROM "
                + Ddl.q(want.schema, fresh) + ")", Runs.ASSERT, false);
        step("recreate table: swap out", obj, "ALTER TABLE " + Ddl.q(obj) + " RENAME TO " + quoteIdentifierIfNeeded(old), Runs.DDL, false);
        step("recreate table: swap in", obj, "ALTER TABLE " + Ddl.q(want.schema, fresh) + " RENAME TO " + quoteIdentifierIfNeeded(want.name), Runs.DDL, false);
        step("recreate table: drop old", want.schema + "." + old, "DROP TABLE " + Ddl.q(want.schema, old), Runs.DDL, true);
        finalNames.forEach((tmp, fin) -> step("rename constraint", obj + "." + fin, "ALTER TABLE " + Ddl.q(obj) + " RENAME CONSTRAINT "
                + quoteIdentifierIfNeeded(tmp) + " TO " + quoteIdentifierIfNeeded(fin), Runs.DDL, false));
        comments(want, null);
    }

    private static boolean sameIndex(Index a, Index b) {
        if (a.unique() != b.unique() || a.nullsNotDistinct() != b.nullsNotDistinct() || !a.table().equals(b.table())
                || !a.include().equals(b.include()) || !Normalize.sameExpr(a.where(), b.where()) || a.keys().size() != b.keys().size()) {
            return false;
        }
        for (int i = 0; i < a.keys().size(); i++) if (!Normalize.sameExpr(a.keys().get(i), b.keys().get(i))) return false;
        return true;
    }
}
