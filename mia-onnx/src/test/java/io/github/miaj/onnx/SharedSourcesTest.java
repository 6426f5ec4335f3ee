package io.github.miaj.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.miaj.Mia;
import io.github.miaj.MiaException;
import io.github.miaj.detect.RelationshipDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Built-in sources are shared across detectors of one JVM and closed with the last one. */
@Tag("model")
class SharedSourcesTest {

    @Test
    void threeDefaultsShareOneSessionClosedWithTheLast() {
        int before = SharedSources.openCount();
        RelationshipDetector a = Mia.detector().defaults();
        RelationshipDetector b = Mia.detector().defaults();
        RelationshipDetector c = Mia.detector().defaults();
        assertEquals(before + 1, SharedSources.openCount(), "three defaults() must open one session");
        RelationshipDetector other = Mia.detector().optIntraOpThreads(1).defaults();
        assertEquals(before + 2, SharedSources.openCount(), "other settings get a session of their own");
        other.close();
        a.close();
        a.close(); // a second close releases nothing more
        assertEquals(before + 1, SharedSources.openCount());
        String expected = b.detect("the cat sat on the mat", "a cat sat on the mat")
                .phrases()
                .toString();
        assertEquals(
                expected,
                c.detect("the cat sat on the mat", "a cat sat on the mat")
                        .phrases()
                        .toString());
        b.close();
        assertEquals(before + 1, SharedSources.openCount(), "c still uses the session");
        c.close();
        assertEquals(before, SharedSources.openCount(), "the last detector closes the session");
        assertThrows(MiaException.class, () -> c.detect("a", "b"));
    }
}
