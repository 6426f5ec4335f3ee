package io.github.miaj.cli;

import io.github.miaj.MiaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code mia} command line. Every failure the library can name ends as one line on standard error
 * and exit status 1; usage errors give status 2.
 */
@Command(name = "mia", mixinStandardHelpOptions = true, versionProvider = MiaCli.VersionProvider.class,
        description = "Find where text B reproduces or rephrases text A, with attention heads as explainable detectors.",
        subcommands = {DetectCommand.class, AlignCommand.class, TrainCommand.class, EvalCommand.class,
                HeadsCommand.class, CorpusCommand.class, BenchCommand.class, SignificanceCommand.class,
                CommandLine.HelpCommand.class})
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
            throw ex;
        });
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: detect, align, train, eval, heads or corpus");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = MiaCli.class.getPackage().getImplementationVersion();
            return new String[] {"mia " + (v == null ? "(development build)" : v)};
        }
    }
}
