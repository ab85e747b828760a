// Starts a local DSQL for the benchmark (single-file program: java -cp <classpath> StartLocal.java [local options]).
// Prints the `dsqlkit local ready: ...` line on stdout and runs until killed.
import io.dsqlkit.local.cli.LocalCommand;
import picocli.CommandLine;

public class StartLocal {
    public static void main(String[] args) {
        System.exit(new CommandLine(new LocalCommand()).execute(args));
    }
}
