package io.dsqlkit.cli.migrate;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.client.AwsCredentialsException;
import io.dsqlkit.client.ConnectionSpec;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.client.TokenProvider;
import io.dsqlkit.local.DsqlLocal;
import io.dsqlkit.migrate.schema.MigrationException;
import io.dsqlkit.migrate.support.Sql;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;

/** Shared plumbing of the migrate/batch/load/integrity commands: connecting and the exit-code contract. */
final class Connect {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String NO_TARGET = "no database to connect to: pass --url postgresql://user:password@host:port/db, "
            + "or --cluster ID --region REGION (env CLUSTER / REGION) for Aurora DSQL, or --local for an embedded local "
            + "DSQL that lives as long as this command (to keep its data, run 'dsqlkit local --data DIR' and pass its --url)";

    private Connect() {}

    /** The database a command works on; closing it stops the embedded local DSQL if one was started for it. */
    interface Target extends AutoCloseable {
        DataSource dataSource();

        @Override
        void close();
    }

    /**
     * Resolves the connection options: an endpoint, an embedded local DSQL for {@code --local}, or a
     * usage error (exit 2) when nothing says where to connect.
     */
    static Target open(CommandLine.Model.CommandSpec spec, ConnectionOptions options) {
        ConnectionSpec where = options.spec();
        if (where.localRequested()) return startLocal(spec.commandLine().getErr());
        Endpoint e = where.resolve().orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), NO_TARGET));
        DataSource ds = DataSources.unpooled(e, "dsqlkit-migrate");
        return target(ds, () -> {});
    }

    private static Target startLocal(PrintWriter err) {
        err.println("starting an embedded local DSQL for this command (its data is discarded when the command ends)...");
        err.flush();
        DsqlLocal local = DsqlLocal.start();
        Thread stop = new Thread(local::close, "dsqlkit-local-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        Endpoint e = new Endpoint(Endpoint.Kind.LOCAL, local.host(), local.port(), "postgres", local.user(),
                TokenProvider.staticPassword(local.password()), null, null);
        return target(DataSources.unpooled(e, "dsqlkit-migrate"), () -> {
            local.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; the local DSQL is closed either way
            }
        });
    }

    private static Target target(DataSource ds, Runnable onClose) {
        return new Target() {
            @Override
            public DataSource dataSource() {
                return ds;
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

    /** A command body that works on a database. */
    @FunctionalInterface
    interface Body {
        Integer call(DataSource ds) throws Exception;
    }

    /** Opens the target, runs the body with exit-code mapping, and closes the target. */
    static int run(CommandLine.Model.CommandSpec spec, ConnectionOptions options, Body body) {
        return run(spec.commandLine().getErr(), () -> {
            try (Target t = open(spec, options)) {
                return body.call(t.dataSource());
            }
        });
    }

    /** Runs a command body, turning domain failures into a message on stderr and exit code 1 (2 for usage and I/O). */
    static int run(PrintWriter err, java.util.concurrent.Callable<Integer> body) {
        try {
            return body.call();
        } catch (MigrationException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (SQLException e) {
            err.println("error: " + Sql.message(e) + (Sql.state(e) == null ? "" : " [SQLSTATE " + Sql.state(e) + "]"));
            return FAILED;
        } catch (IOException e) {
            err.println("error: " + describe(e));
            return USAGE;
        } catch (IllegalArgumentException | AwsCredentialsException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return FAILED;
        } finally {
            err.flush();
        }
    }

    /** File-system exceptions carry only the path as their message: say what is wrong with it. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file or folder (check the path)";
        if (e instanceof AccessDeniedException a) return a.getFile() + ": permission denied";
        if (e instanceof NotDirectoryException d) return d.getFile() + ": not a folder";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getFile() + ": " + f.getReason();
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
