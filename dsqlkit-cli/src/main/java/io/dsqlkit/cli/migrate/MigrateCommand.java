package io.dsqlkit.cli.migrate;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.migrate.schema.MigrateConfig;
import io.dsqlkit.migrate.schema.MigrationPlan;
import io.dsqlkit.migrate.schema.MigrationScanner;
import io.dsqlkit.migrate.schema.MigrationState;
import io.dsqlkit.migrate.schema.Migrator;
import io.dsqlkit.migrate.schema.Recipes;
import io.dsqlkit.migrate.schema.SchemaHistory;
import io.dsqlkit.rules.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"DSQL-native schema migrations with Flyway file names, one statement per transaction, resumable.",
                "Files are named V<version>__<description>.sql (applied once) or R__<description>.sql (re-applied when changed). "
                        + "Each statement runs in its own transaction, progress is recorded per statement, and async index jobs are waited on."},
        subcommands = {MigrateCommand.Plan.class, MigrateCommand.Apply.class, MigrateCommand.Status.class,
                MigrateCommand.Validate.class, MigrateCommand.Repair.class, MigrateCommand.New.class, MigrateCommand.Recipe.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:problems found, or a migration failed (nothing after the failed statement ran)",
                "2:usage or I/O error"})
public final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: plan, apply, status, validate, repair, new or recipe");
    }

    /** Options every migrate subcommand shares. */
    static final class Settings {
        @Option(names = "--location", defaultValue = "db/migration", description = "Folder of migration files (default: ${DEFAULT-VALUE}).")
        Path location;

        @Option(names = "--history-table", defaultValue = SchemaHistory.DEFAULT_TABLE, description = "History table (default: ${DEFAULT-VALUE}).")
        String historyTable;

        @Option(names = "--profile", defaultValue = "current", description = "DSQL rules profile for linting: 2025-05, 2026-09 or current.")
        String profile;

        @Option(names = "--out-of-order", description = "Apply pending versions lower than the highest applied one.")
        boolean outOfOrder;

        MigrateConfig config(PrintWriter err) {
            return MigrateConfig.defaults(location).withHistoryTable(historyTable).withProfile(Profile.parse(profile))
                    .withOutOfOrder(outOfOrder).withLog(s -> {
                        err.println(s);
                        err.flush();
                    });
        }
    }

    abstract static class Sub implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;
        @Mixin
        Settings settings;
        @Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** Runs the body on the connection target, after checking that the location holds migrations. */
        int withMigrations(Connect.Body body) {
            return Connect.run(spec, connection, ds -> {
                MigrationScanner.requireMigrations(settings.location);
                return body.call(ds);
            });
        }

        Migrator migrator(DataSource ds) {
            return new Migrator(ds, settings.config(err()));
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Lint every pending migration (errors stop the run; fixes shown) and print the exact steps apply would run.")
    static final class Plan extends Sub {
        @Override
        public Integer call() {
            return withMigrations(ds -> {
                MigrationPlan plan = migrator(ds).plan();
                out().print(plan.describe());
                out().flush();
                return plan.runnable() ? Connect.OK : Connect.FAILED;
            });
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Apply pending migrations, one statement per transaction, resuming where an earlier run stopped.")
    static final class Apply extends Sub {
        @Option(names = "--yes", description = "Confirm destructive statements (DROP, DELETE without WHERE, ...); on a terminal you are asked otherwise.")
        boolean yes;

        @Option(names = "--lock-wait", defaultValue = "0", description = "Seconds to keep trying while another run holds the lock (default 0).")
        long lockWait;

        @Option(names = "--stale-lock", defaultValue = "60", description = "Seconds after which a lock without heartbeat is taken over (default 60).")
        long staleLock;

        @Override
        public Integer call() {
            return withMigrations(ds -> {
                boolean confirmed = yes || confirmInteractively(this, ds);
                MigrateConfig cfg = settings.config(err()).withConfirmed(confirmed)
                        .withLock(Duration.ofSeconds(staleLock), Duration.ofSeconds(lockWait));
                Migrator.ApplyResult r;
                Thread onInterrupt = InterruptedApply.hook(ds, cfg, err());
                Runtime.getRuntime().addShutdownHook(onInterrupt);
                try {
                    r = new Migrator(ds, cfg).apply();
                } finally {
                    InterruptedApply.remove(onInterrupt);
                }
                out().println(r.applied().isEmpty() ? "Schema is up to date: nothing applied."
                        : "Applied " + r.applied().size() + " migration(s), " + r.statementsRun() + " statement(s)"
                        + (r.statementsSkipped() > 0 ? " (" + r.statementsSkipped() + " already done by an earlier run)" : "")
                        + ": " + String.join(", ", r.applied()));
                out().flush();
                return Connect.OK;
            });
        }
    }

    /**
     * Without --yes on a terminal, destructive statements are shown and confirmed interactively;
     * without a terminal, apply refuses them (the Migrator's check).
     */
    private static boolean confirmInteractively(Sub cmd, DataSource ds) throws Exception {
        java.io.Console console = System.console();
        if (console == null) return false;
        List<io.dsqlkit.migrate.schema.MigrationStep> steps = cmd.migrator(ds).plan().destructiveSteps();
        if (steps.isEmpty()) return false;
        console.printf("The plan has %d destructive statement(s):%n", steps.size());
        for (var s : steps) console.printf("  line %d: %s%n", s.line(), s.firstLine());
        String answer = console.readLine("Apply them? [y/N] ");
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show applied, pending and partially applied migrations; exit 1 when a checksum does not match or a file is missing.")
    static final class Status extends Sub {
        private static final java.util.Set<MigrationState.State> PROBLEMS = java.util.EnumSet.of(
                MigrationState.State.CHECKSUM_MISMATCH, MigrationState.State.MISSING_FILE);

        @Override
        public Integer call() {
            return withMigrations(ds -> {
                List<MigrationState> states = migrator(ds).status();
                for (MigrationState s : states) out().println(s.describe());
                out().flush();
                long problems = states.stream().filter(s -> PROBLEMS.contains(s.state())).count();
                if (problems > 0) {
                    err().println(problems + " migration(s) need attention (" + PROBLEMS + "); 'dsqlkit migrate validate' "
                            + "explains each and how to fix it");
                }
                return problems == 0 ? Connect.OK : Connect.FAILED;
            });
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check applied migrations against the files (checksums, missing files, out-of-order versions, lint errors).")
    static final class Validate extends Sub {
        @Override
        public Integer call() {
            return withMigrations(ds -> {
                List<String> problems = migrator(ds).validate();
                for (String p : problems) out().println("- " + p);
                if (problems.isEmpty()) out().println("valid: the history matches the migration files");
                out().flush();
                return problems.isEmpty() ? Connect.OK : Connect.FAILED;
            });
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Accept edited applied files (realign checksums); optionally forget a version's history or release the lock.")
    static final class Repair extends Sub {
        @Option(names = "--forget", paramLabel = "VERSION", description = "Delete the history rows of this version (e.g. a half-applied migration you rewrote).")
        List<String> forget = new ArrayList<>();

        @Option(names = "--release-lock", description = "Release the migration lock whoever holds it (only when that run is dead).")
        boolean releaseLock;

        @Override
        public Integer call() {
            return Connect.run(spec, connection, ds -> {
                List<String> done = migrator(ds).repair(forget, releaseLock);
                for (String d : done) out().println(d);
                if (done.isEmpty()) out().println("nothing to repair");
                out().flush();
                return Connect.OK;
            });
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true, description = "Create the next versioned migration file.")
    static final class New implements Callable<Integer> {
        @Option(names = "--location", defaultValue = "db/migration", description = "Folder of migration files (default: ${DEFAULT-VALUE}).")
        Path location;

        @Parameters(paramLabel = "DESCRIPTION", arity = "1..*", description = "What the migration does, e.g. create orders.")
        List<String> description;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Connect.run(spec.commandLine().getErr(), () -> {
                Path p = Migrator.newMigration(location, String.join(" ", description), null);
                spec.commandLine().getOut().println(p);
                spec.commandLine().getOut().flush();
                return Connect.OK;
            });
        }
    }

    @Command(name = "recipe", mixinStandardHelpOptions = true,
            description = "Generate reviewable migrations for changes DSQL cannot make in place.",
            subcommands = {AddColumn.class, RecreateTable.class})
    static final class Recipe implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing recipe: add-column or recreate-table");
        }
    }

    @Command(name = "add-column", mixinStandardHelpOptions = true,
            description = {"Generate a migration that adds a column with a DEFAULT, which DSQL rejects in one statement.",
                    "DSQL refuses ADD COLUMN with a DEFAULT (0A000, dsql-facts §1.7), so the migration runs ADD COLUMN, "
                            + "SET DEFAULT and a chunked, resumable backfill of the existing rows."})
    static final class AddColumn implements Callable<Integer> {
        @Option(names = "--location", defaultValue = "db/migration", description = "Folder of migration files (default: ${DEFAULT-VALUE}).")
        Path location;

        @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to add the column to (schema.table allowed).")
        String table;

        @Option(names = "--column", required = true, paramLabel = "COLUMN", description = "Name of the new column.")
        String column;

        @Option(names = "--type", required = true, description = "Column type, e.g. text or bigint.")
        String type;

        @Option(names = "--default", required = true, paramLabel = "EXPR", description = "Default as an SQL expression, e.g. 'active' (quoted) or 0.")
        String defaultExpr;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            return Connect.run(spec.commandLine().getErr(), () -> {
                Path p = Migrator.newMigration(location, "add " + column + " to " + table,
                        Recipes.addColumnWithDefault(table, column, type, defaultExpr));
                spec.commandLine().getOut().println(p);
                spec.commandLine().getOut().flush();
                return Connect.OK;
            });
        }
    }

    @Command(name = "recreate-table", mixinStandardHelpOptions = true,
            description = {"Generate a migration that recreates a table for changes DSQL cannot ALTER in place.",
                    "Column TYPE changes, SET NOT NULL and primary-key changes (dsql-facts §1.7) become CREATE TABLE <t>_new, "
                            + "a chunked copy, a row-count assertion, a swap by rename and a DROP of the old table "
                            + "(destructive: apply needs --yes). Stop writes to the table while it runs."})
    static final class RecreateTable implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--location", defaultValue = "db/migration", description = "Folder of migration files (default: ${DEFAULT-VALUE}).")
        Path location;

        @Option(names = "--table", required = true, paramLabel = "TABLE", description = "Table to recreate (schema.table allowed).")
        String table;

        @Option(names = "--alter-type", paramLabel = "COLUMN=TYPE", description = "Change a column's type, e.g. qty=integer (repeatable).")
        java.util.Map<String, String> types = new java.util.LinkedHashMap<>();

        @Option(names = "--set-not-null", paramLabel = "COLUMN", split = ",", description = "Make columns NOT NULL.")
        List<String> notNull = new ArrayList<>();

        @Option(names = "--primary-key", paramLabel = "COLUMNS", split = ",", description = "New primary key columns.")
        List<String> primaryKey;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (types.isEmpty() && notNull.isEmpty() && primaryKey == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "nothing to change: give --alter-type, --set-not-null or --primary-key");
            }
            return Connect.run(spec, connection, ds -> {
                String body;
                try (java.sql.Connection c = ds.getConnection()) {
                    body = Recipes.recreateTable(c, table, types, new java.util.LinkedHashSet<>(notNull), primaryKey);
                }
                Path p = Migrator.newMigration(location, "recreate " + table, body);
                spec.commandLine().getOut().println(p);
                spec.commandLine().getOut().flush();
                return Connect.OK;
            });
        }
    }
}
