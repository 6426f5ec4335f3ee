package io.github.miaj.spark;

import io.github.miaj.MiaException;
import io.github.miaj.attention.AttentionSource;
import io.github.miaj.attention.ExecutionProvider;
import io.github.miaj.detect.AttentionDetector;
import io.github.miaj.detect.DocumentDetector;
import io.github.miaj.detect.RelationshipDetector;
import io.github.miaj.model.DetectorModel;
import io.github.miaj.onnx.OnnxBuiltIns;
import io.github.miaj.spi.SourceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;

/**
 * The detectors of this JVM: one per detector model, opened by the first task that needs it and shared by every
 * later task and row (an ONNX Runtime session costs 0.5-0.7 GB, and its {@code run} is thread-safe). The session
 * gets as many intra-op threads as a task owns cores ({@code spark.task.cpus}): concurrent tasks then fill the
 * executor's cores without oversubscribing them. Sessions close when the JVM shuts down (a shutdown hook), or
 * when an embedding application calls {@link #closeAll()}.
 */
public final class ExecutorDetectors {
    private static final ConcurrentHashMap<String, RelationshipDetector> HELD = new ConcurrentHashMap<>();
    private static final AtomicInteger OPENED = new AtomicInteger();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();

    private ExecutorDetectors() {}

    /** The document detector for {@code spec}, opening this JVM's session for its model on first use. */
    public static DocumentDetector get(DetectorSpec spec) {
        RelationshipDetector d = HELD.computeIfAbsent(spec.key(), k -> open(spec));
        DocumentDetector dd =
                DocumentDetector.forSource(d).withMinWords(spec.minWords()).withBatchSize(spec.batchSize());
        return Double.isNaN(spec.maxEvalue()) ? dd : dd.withMaxEvalue(spec.maxEvalue());
    }

    /** Sessions this JVM has opened since it started (or since the last {@link #closeAll()}: still counted). */
    public static int sessionsOpened() {
        return OPENED.get();
    }

    /** Sessions open now. */
    public static int sessionsOpen() {
        return HELD.size();
    }

    /** Closes every session of this JVM; a later task opens a new one. */
    public static void closeAll() {
        List<RelationshipDetector> all = new ArrayList<>(HELD.values());
        HELD.clear();
        for (RelationshipDetector d : all) {
            d.close();
        }
    }

    private static RelationshipDetector open(DetectorSpec spec) {
        DetectorModel model = spec.model();
        AttentionSource source = new OnnxBuiltIns()
                .openSource(model.source(), new SourceSettings(taskCpus(), ExecutionProvider.CPU))
                .orElseThrow(() -> new MiaException(spec.origin() + " was trained on "
                        + model.source().modelId()
                        + ", which is not a built-in model; mia-spark runs detectors of the built-in models only"));
        RelationshipDetector d;
        try {
            d = new AttentionDetector(model, source, AttentionDetector.SourceOwnership.OWNED);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        OPENED.incrementAndGet();
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExecutorDetectors::closeAll, "mia-spark-close"));
        }
        return d;
    }

    /** Cores the running task owns; 1 outside a task. */
    private static int taskCpus() {
        TaskContext t = TaskContext.get();
        return t == null ? 1 : Math.max(1, t.cpus());
    }
}
