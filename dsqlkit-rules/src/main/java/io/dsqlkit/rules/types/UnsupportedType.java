package io.dsqlkit.rules.types;

import io.dsqlkit.rules.Fix;
import io.dsqlkit.rules.StatementContext;
import io.dsqlkit.rules.syntax.ColumnDefinition;
import io.dsqlkit.sql.Token;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** dsql-facts §1.4: built-in PostgreSQL types DSQL does not offer as column types. */
public final class UnsupportedType extends ColumnTypeRule {
    // UNVERIFIED (dsql-facts §1.4): macaddr8, the other range/multirange types and the snapshot types.
    /**
     * Observed: money, xml, inet, cidr, macaddr, point, line, lseg, box, path, polygon, circle,
     * tsvector, tsquery, int4range, tsrange, pg_lsn, bit, bit varying. The rest of each family
     * (macaddr8, the other range and multirange types, snapshots) is assumed alike.
     */
    private static final Set<String> UNSUPPORTED = Set.of("money", "xml", "inet", "cidr", "macaddr", "macaddr8",
            "point", "line", "lseg", "box", "path", "polygon", "circle", "tsvector", "tsquery", "int4range",
            "int8range", "numrange", "tsrange", "tstzrange", "daterange", "int4multirange", "int8multirange",
            "nummultirange", "tsmultirange", "tstzmultirange", "datemultirange", "pg_lsn", "pg_snapshot",
            "txid_snapshot", "bit", "bit varying");

    private static final Map<String, String> ADVICE = Map.of(
            "money", "use numeric(19,2) (and keep the currency in its own column)",
            "inet", "store it as text and cast with ::inet in queries (inet works at run time)",
            "cidr", "store it as text and cast with ::cidr in queries",
            "macaddr", "store it as text",
            "xml", "store it as text",
            "bit", "use boolean, or bytea/bigint for bit strings",
            "bit varying", "use bytea or text for bit strings");

    public UnsupportedType() {
        super("unsupported-type", "0A000",
                "use a supported type: numeric for money, text for inet/cidr/macaddr/xml, "
                        + "two columns for ranges, numeric columns for geometry");
    }

    static String message(String canonical) {
        return "datatype " + canonical + " not supported";
    }

    @Override
    void check(StatementContext ctx, List<Token> t, ColumnDefinition c) {
        if (c.type().isArray()) return;
        String name = c.type().canonical();
        if (!UNSUPPORTED.contains(name)) return;
        if (c.type().schema() != null && !c.type().schema().equals("pg_catalog")) return;
        String advice = ADVICE.getOrDefault(name, name.contains("range")
                ? "store the bounds in two columns (lower, upper)"
                : "store it in supported columns (e.g. numeric coordinates, text)");
        reportOnType(ctx, t, c, message(name), Fix.unfixable("no equivalent column type: " + advice));
    }

    @Override
    public List<String> messages() {
        return List.of(message("money"), message("inet"), message("bit"), message("bit varying"));
    }
}
