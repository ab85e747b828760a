package io.dsqlkit.migrate.declarative;

import io.dsqlkit.migrate.declarative.SchemaModel.Column;
import io.dsqlkit.migrate.declarative.SchemaModel.Index;
import io.dsqlkit.migrate.declarative.SchemaModel.Sequence;
import io.dsqlkit.migrate.declarative.SchemaModel.Table;
import io.dsqlkit.migrate.declarative.SchemaModel.View;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.dsqlkit.sql.SqlText.quoteIdentifierIfNeeded;

/**
 * A model as DSQL-valid SQL files: {@code schemas.sql}, {@code sequences.sql}, one
 * {@code <schema>.<table>.sql} per table (with its indexes and comments) and {@code views.sql}.
 * Ordering is by name throughout, so a dump diffs well in git; a dump read back by
 * {@link DesiredSchemaReader} plans no steps against the database it came from.
 */
public final class SchemaDumper {
    private SchemaDumper() {}

    public static Map<String, String> files(SchemaModel m) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder schemas = new StringBuilder();
        for (String s : m.schemas) if (!s.equals("public")) schemas.append("CREATE SCHEMA ").append(quoteIdentifierIfNeeded(s)).append(";\n");
        if (!schemas.isEmpty()) out.put("schemas.sql", schemas.toString());
        StringBuilder seqs = new StringBuilder();
        for (Sequence s : m.sequences.values()) {
            seqs.append(Ddl.createSequence(s)).append(";\n");
            if (s.comment() != null) seqs.append(Ddl.comment("SEQUENCE", Ddl.q(s.qualified()), s.comment())).append(";\n");
        }
        if (!seqs.isEmpty()) out.put("sequences.sql", seqs.toString());
        for (Table t : m.tables.values()) {
            StringBuilder sb = new StringBuilder(Ddl.createTable(t, t.name, Map.of(), true)).append(";\n");
            if (t.comment != null) sb.append(Ddl.comment("TABLE", Ddl.q(t.qualified()), t.comment)).append(";\n");
            for (Column c : t.columns) {
                if (c.comment() != null) {
                    sb.append(Ddl.comment("COLUMN", Ddl.q(t.qualified()) + "." + quoteIdentifierIfNeeded(c.name()), c.comment())).append(";\n");
                }
            }
            for (Index i : m.indexes.values()) if (i.qualifiedTable().equals(t.qualified())) sb.append(Ddl.createIndex(i)).append(";\n");
            out.put(t.schema + "." + t.name + ".sql", sb.toString());
        }
        StringBuilder views = new StringBuilder();
        for (View v : m.views.values()) {
            views.append(Ddl.createView(v)).append(";\n");
            if (v.comment() != null) views.append(Ddl.comment("VIEW", Ddl.q(v.qualified()), v.comment())).append(";\n");
        }
        if (!views.isEmpty()) out.put("views.sql", views.toString());
        return out;
    }

    /** All files in one script (for stdout). */
    public static String script(SchemaModel m) {
        StringBuilder sb = new StringBuilder();
        files(m).forEach((name, body) -> sb.append("-- ").append(name).append('\n').append(body).append('\n'));
        return sb.toString();
    }
}
