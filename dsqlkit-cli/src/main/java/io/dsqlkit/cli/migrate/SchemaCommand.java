package io.dsqlkit.cli.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.migrate.declarative.DesiredSchemaReader;
import io.dsqlkit.migrate.declarative.PlanStep;
import io.dsqlkit.migrate.declarative.SchemaApplier;
import io.dsqlkit.migrate.declarative.SchemaDumper;
import io.dsqlkit.migrate.declarative.SchemaException;
import io.dsqlkit.migrate.declarative.SchemaModel;
import io.dsqlkit.migrate.declarative.SchemaPlan;
import io.dsqlkit.rules.Profile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Declarative schemas: describe the schema you want in SQL files, get the DSQL-safe steps that get you there.",
                "See docs/schema.md."},
        subcommands = {SchemaCommand.Dump.class, SchemaCommand.Plan.class, SchemaCommand.Apply.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (plan: printed, whether or not there are steps)",
                "1:the desired schema cannot be reached, or a step failed (apply resumes there next time)",
                "2:usage or I/O error, or destructive steps not confirmed"})
public final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: dump, plan or apply");
    }

    abstract static class Sub implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--profile", defaultValue = "current", description = "DSQL rules profile: 2025-05, 2026-09 or current (default).")
        String profile;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** A command body working on the applier for the connected database. */
        @FunctionalInterface
        interface Body {
            Integer call(SchemaApplier applier) throws Exception;
        }

        int run(Body body) {
            PrintWriter err = err();
            return Connect.run(spec, connection, ds -> {
                try {
                    return body.call(new SchemaApplier(ds, Profile.parse(profile), s -> {
                        err.println(s);
                        err.flush();
                    }));
                } catch (SchemaException e) {
                    err.println("error: " + e.getMessage());
                    return Connect.FAILED;
                }
            });
        }
    }

    abstract static class WithDesired extends Sub {
        @Option(names = "--desired", required = true, paramLabel = "PATH", description = "A .sql file or a directory of them (recursively).")
        Path desired;

        void warnUnfinished(SchemaApplier a) throws Exception {
            List<String> open = a.unfinished();
            if (!open.isEmpty()) {
                err().println("note: an interrupted 'schema apply' (" + String.join(", ", open) + ") has steps left; the next "
                        + "'schema apply' finishes it before anything else. The steps below are planned from the current catalog.");
            }
        }
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Write the live schema as DSQL-valid SQL: one file per table (with its indexes), sequences, views.")
    static final class Dump extends Sub {
        @Option(names = "--out", paramLabel = "DIR", description = "Write one file per object group here (default: stdout).")
        Path out;

        @Override
        public Integer call() {
            return run(applier -> {
                SchemaModel m = applier.live();
                if (out == null) {
                    out().print(SchemaDumper.script(m));
                } else {
                    Files.createDirectories(out);
                    for (Map.Entry<String, String> e : SchemaDumper.files(m).entrySet()) Files.writeString(out.resolve(e.getKey()), e.getValue());
                    out().println("wrote " + SchemaDumper.files(m).size() + " file(s) to " + out);
                }
                out().flush();
                return Connect.OK;
            });
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Compare the desired SQL files with the live catalog and print the ordered steps (read-only).")
    static final class Plan extends WithDesired {
        @Option(names = "--format", defaultValue = "text", description = "text or json ({\"steps\": [...]}).")
        String format;

        @Option(names = "--write-migration", paramLabel = "DIR", description = "Also write the plan as a Flyway-named migration for 'dsqlkit migrate apply'.")
        Path writeMigration;

        @Override
        public Integer call() {
            return run(a -> {
                if (!format.equals("text") && !format.equals("json")) throw new IllegalArgumentException("--format must be text or json");
                SchemaModel want = DesiredSchemaReader.read(desired);
                warnUnfinished(a);
                SchemaPlan plan = a.plan(want);
                if (format.equals("json")) out().println(json(plan));
                else out().print(plan.describe());
                if (writeMigration != null) {
                    if (plan.isEmpty()) err().println("nothing to write: the database matches the desired schema");
                    else err().println("wrote " + SchemaApplier.writeMigration(plan, writeMigration));
                }
                out().flush();
                return Connect.OK;
            });
        }
    }

    static String json(SchemaPlan plan) throws Exception {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plan.toJson());
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Plan and run the steps through the migration runner, resumable after a crash.",
                    "Progress is recorded per step, async jobs are waited on, backfills and copies are chunked, and the next apply "
                            + "finishes an interrupted one first."})
    static final class Apply extends WithDesired {
        @Option(names = "--yes", description = "Run destructive steps (drops, recreations) without asking.")
        boolean yes;

        @Option(names = "--write-migration", paramLabel = "DIR", description = "Write the plan as a migration for 'dsqlkit migrate apply' instead of running it.")
        Path writeMigration;

        @Option(names = "--discard-interrupted", description = "Drop the remaining steps of an interrupted apply (after repairing the schema by hand) and plan afresh.")
        boolean discardInterrupted;

        @Override
        public Integer call() {
            return run(a -> {
                SchemaModel want = DesiredSchemaReader.read(desired);
                if (discardInterrupted) {
                    for (String v : a.discardUnfinished()) err().println("discarded the rest of the interrupted apply " + v);
                }
                if (writeMigration != null) {
                    warnUnfinished(a);
                    SchemaPlan plan = a.plan(want);
                    if (plan.isEmpty()) out().println("The database matches the desired schema: nothing to write.");
                    else out().println("wrote " + SchemaApplier.writeMigration(plan, writeMigration) + " (" + plan.steps().size()
                            + " steps); run it with 'dsqlkit migrate apply --location " + writeMigration + "'");
                    out().flush();
                    return Connect.OK;
                }
                SchemaApplier.Result r;
                try {
                    r = a.apply(want, this::confirm);
                } catch (SchemaApplier.NotConfirmed e) {
                    err().println("error: " + e.getMessage() + (System.console() == null ? " (no terminal to ask on)" : ""));
                    for (PlanStep s : e.plan.destructiveSteps()) err().println("  - " + s.action() + " " + s.object());
                    return Connect.USAGE;
                }
                if (!r.resumed().isEmpty()) out().println("Finished the interrupted apply " + String.join(", ", r.resumed()) + ".");
                out().println(r.plan().isEmpty() ? "The database matches the desired schema." : "Applied " + r.plan().steps().size()
                        + " step(s).");
                out().flush();
                return Connect.OK;
            });
        }

        private boolean confirm(SchemaPlan plan) {
            if (yes) return true;
            java.io.Console console = System.console();
            if (console == null) return false;
            console.printf("%s", plan.describe());
            String answer = console.readLine("Run the %d destructive step(s)? [y/N] ", plan.destructiveSteps().size());
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        }
    }
}
