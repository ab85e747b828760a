package io.dsqlkit.migrate.cli;

import io.dsqlkit.client.ConnectionOptions;
import io.dsqlkit.client.DataSources;
import io.dsqlkit.client.Endpoint;
import io.dsqlkit.migrate.schema.MigrationException;
import io.dsqlkit.migrate.support.Sql;
import picocli.CommandLine;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.concurrent.Callable;

/** Shared plumbing of the migrate/batch/load/integrity commands: connecting and the exit-code contract. */
final class Connect {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Connect() {}

    static DataSource open(ConnectionOptions options) {
        Endpoint e = options.resolve().orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(new Object()),
                "no database to connect to: pass --url postgresql://user:password@host:port/db, or --cluster ID --region REGION "
                        + "(env CLUSTER / REGION) for Aurora DSQL; for local DSQL start 'dsqlkit local' and pass its --url"));
        return DataSources.unpooled(e, "dsqlkit-migrate");
    }

    /** Runs a command body, turning domain failures into a message on stderr and exit code 1 (2 for I/O). */
    static int run(PrintWriter err, Callable<Integer> body) {
        try {
            return body.call();
        } catch (MigrationException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (SQLException e) {
            err.println("error: " + Sql.message(e) + (Sql.state(e) == null ? "" : " [SQLSTATE " + Sql.state(e) + "]"));
            return FAILED;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            err.println("error: " + e);
            return FAILED;
        }
    }
}
