package io.github.miaj.onnx;

import ai.onnxruntime.OrtEnvironment;
import io.github.miaj.ModelException;

/**
 * The process's one ONNX Runtime environment, created on a thread of its own with a large stack.
 *
 * <p>ONNX Runtime 1.29.0 reads {@code /proc/self/cmdline} into a stack buffer while it creates the environment:
 * with a command line of about 4 KB or more (an explicit class path, as IDEs, Spark executors and start
 * scripts pass) that overflows the calling thread's native stack and kills the JVM with SIGSEGV, no Java
 * exception and no hs_err file. A 16 MB stack leaves room for command lines of more than 16 KB
 * ({@code LongCommandLineTest} runs one). Every MIA-J class gets its environment here; so should an application that
 * touches ONNX Runtime itself before building a source.
 */
public final class OrtEnvironments {
    /** Stack of the thread that loads the native library and creates the environment. */
    static final long STACK_BYTES = 16L << 20;

    private OrtEnvironments() {}

    /**
     * The shared environment (ONNX Runtime keeps one a process), created on first call on a large-stack thread.
     *
     * @throws ModelException when the native library cannot be loaded or the environment not created
     */
    public static OrtEnvironment get() {
        return Holder.ENV;
    }

    /** Lazily, once: the holder's class initialisation is the lock. */
    private static final class Holder {
        static final OrtEnvironment ENV = create();
    }

    /**
     * Creates the environment on a large-stack thread. Lives outside {@link Holder}: code of a class being
     * initialised cannot run on another thread until the initialisation ends, which would deadlock.
     */
    private static OrtEnvironment create() {
        OrtEnvironment[] env = new OrtEnvironment[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        env[0] = OrtEnvironment.getEnvironment();
                    } catch (Throwable e) {
                        failure[0] = e;
                    }
                },
                "mia-ort-init",
                STACK_BYTES);
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the environment is needed either way; keep the flag for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (env[0] == null) {
            Throwable e = failure[0];
            throw new ModelException(
                    "cannot start ONNX Runtime: "
                            + (e == null
                                    ? "no environment was created"
                                    : e.getClass().getSimpleName() + ": " + e.getMessage()),
                    e);
        }
        return env[0];
    }
}
