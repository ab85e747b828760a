package io.dsqlkit.cli.token;

import io.dsqlkit.cli.ConnectionOptions;
import io.dsqlkit.client.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code dsqlkit token}: an IAM auth token for psql and other PostgreSQL clients, signed locally with
 * the AWS SDK's {@code DsqlUtilities} (what {@code aws dsql generate-db-connect[-admin]-auth-token}
 * does, for users without AWS CLI v2). The token goes to stdout only; it is never logged.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"Print an IAM auth token to use as the password of psql or any PostgreSQL client.",
                "It is signed locally with your AWS credentials (no network call): DbConnectAdmin for --user admin "
                        + "(the default), DbConnect for any other role. It expires after --token-lifetime seconds (default 900)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the token was printed", "2:usage error, or no AWS credentials"},
        footerHeading = "%nExample:%n",
        footer = {"  PGPASSWORD=\"$(dsqlkit token --cluster abc123 --region us-east-1)\" \\",
                "    psql \"host=abc123.dsql.us-east-1.on.aws user=admin dbname=postgres sslmode=verify-full sslrootcert=system\""})
public final class TokenCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Endpoint e;
        try {
            e = connection.spec().resolve().orElse(null);
        } catch (IllegalArgumentException bad) {
            throw new CommandLine.ParameterException(spec.commandLine(), bad.getMessage());
        }
        if (e == null || e.kind() != Endpoint.Kind.AWS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a token is for Aurora DSQL: pass --cluster ID --region "
                    + "REGION (env CLUSTER / REGION) or --endpoint HOST" + (e == null ? "" : "; a --url carries its own password"));
        }
        spec.commandLine().getOut().println(e.password().token());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
