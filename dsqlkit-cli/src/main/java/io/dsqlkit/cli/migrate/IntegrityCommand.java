package io.dsqlkit.cli.migrate;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.migrate.integrity.IntegrityChecker;
import io.dsqlkit.migrate.integrity.Orphans;
import io.dsqlkit.migrate.integrity.Relationship;
import io.dsqlkit.migrate.progress.TerminalProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "integrity", mixinStandardHelpOptions = true,
        description = {"Find orphaned rows of foreign keys and of relationships the schema does not declare.",
                "Relationships come from the foreign keys in the catalog plus a relationships file (JSON) for schemas that do "
                        + "not declare them. 'integrity delete' deletes parents safely."},
        subcommands = IntegrityCommand.Delete.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no orphans", "1:orphans found", "2:usage or I/O error"})
public final class IntegrityCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--relationships", paramLabel = "FILE",
            description = "JSON: {\"relationships\": [{\"child\": \"orders\", \"columns\": [\"customer_id\"], \"parent\": \"customers\", \"parentColumns\": [\"id\"]}]}")
    Path relationships;

    @Option(names = "--table", description = "Only relationships whose child or parent is this table.")
    String table;

    @Option(names = "--sample", defaultValue = "5", description = "Orphan keys to show per relationship (default ${DEFAULT-VALUE}).")
    int sample;

    @Spec
    CommandLine.Model.CommandSpec spec;

    static List<Relationship> relationships(DataSource ds, Path file, String table) throws Exception {
        List<Relationship> all = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            all.addAll(Relationship.fromCatalog(c));
        }
        if (file != null) all.addAll(Relationship.fromFile(file));
        if (table != null) all.removeIf(r -> !r.child().equals(table) && !r.parent().equals(table));
        return all;
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        return Connect.run(spec, connection, ds -> {
            List<Relationship> rels = relationships(ds, relationships, table);
            if (rels.isEmpty()) {
                out.println("no relationships: the catalog declares no foreign keys" + (relationships == null
                        ? "; describe them in a file and pass --relationships" : ""));
                out.flush();
                return Connect.OK;
            }
            long orphans = 0;
            for (Orphans o : new IntegrityChecker(ds, rels).findOrphans(sample)) {
                out.println(o.describe());
                orphans += o.count();
            }
            out.flush();
            return orphans == 0 ? Connect.OK : Connect.FAILED;
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = {"Delete rows only after checking the rows that depend on them.",
                    "It refuses when child rows reference them, or with --cascade deletes the dependents first (recursively), "
                            + "in primary-key chunks under DSQL's limits."})
    static final class Delete implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--relationships", paramLabel = "FILE", description = "Relationships file (JSON), in addition to catalog foreign keys.")
        Path relationships;

        @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to delete rows from (schema.table allowed).")
        String table;

        @Option(names = "--where", required = true, paramLabel = "PREDICATE", description = "Rows to delete.")
        String where;

        @Option(names = "--cascade", description = "Delete dependent rows too (children first, in chunks).")
        boolean cascade;

        @Option(names = "--dry-run", description = "Count what would be deleted; delete nothing.")
        boolean dryRun;

        @Option(names = "--yes", description = "Confirm the delete (required unless --dry-run).")
        boolean yes;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            var out = spec.commandLine().getOut();
            return Connect.run(spec, connection, ds -> {
                IntegrityChecker checker = new IntegrityChecker(ds, relationships(ds, relationships, null));
                boolean dry = dryRun || !yes;
                TerminalProgressBar bar = TerminalProgressBar.stderr();
                IntegrityChecker.DeleteResult r = checker.safeDelete(table, where, cascade, dry, bar);
                out.println(r.describe());
                if (!dryRun && !yes && !r.refused()) out.println("nothing deleted: this was a dry run; re-run with --yes to delete");
                out.flush();
                return r.refused() ? Connect.FAILED : Connect.OK;
            });
        }
    }
}
