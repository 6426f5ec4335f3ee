package io.github.miaj.cli;

import io.github.miaj.MiaException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mia} command line. Every failure the library can name ends as one line on standard error
 * and exit status 1; usage errors give status 2.
 */
@Command(
        name = "mia",
        mixinStandardHelpOptions = true,
        versionProvider = MiaCli.VersionProvider.class,
        description =
                "Find where text B reproduces or rephrases text A, with attention heads as explainable detectors.",
        subcommands = {
            DetectCommand.class,
            AlignCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            HeadsCommand.class,
            CorpusCommand.class,
            BenchCommand.class,
            SignificanceCommand.class,
            CommandLine.HelpCommand.class
        })
public final class MiaCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // DJL must never reach the network, whatever the caller's environment says
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        CommandLine cl = new CommandLine(new MiaCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof MiaException) {
                err.println("mia: error: " + ex.getMessage());
                err.flush();
                return 1;
            }
            // a bug, not a bad input: one line, the trace only when asked for
            err.println("mia: internal error: " + ex + " (a bug in MIA-J: please report it with the command "
                    + "line; set MIA_DEBUG=1 for the stack trace)");
            if (System.getenv("MIA_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 70;
        });
        int rc;
        try {
            rc = cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("mia: error: out of memory (the Java heap is "
                    + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB): give Java more, for example MIA_JAVA_OPTS=-Xmx2g; the minimum is 512 MB");
            err.flush();
            return 1;
        }
        // a failed write to standard output (a full disk, /dev/full, a closed pipe) must not end in status 0
        if (out.checkError()) {
            err.println("mia: error: could not write to standard output (disk full or pipe closed?); the output is "
                    + "incomplete");
            err.flush();
            return rc == 0 ? 1 : rc;
        }
        err.flush();
        return rc;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "give a command: detect, align, train, eval, heads, bench, significance or corpus");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MiaCli.class.getPackage().getImplementationVersion();
            return new String[] {"mia " + (v == null ? "(development build)" : v)};
        }
    }
}
