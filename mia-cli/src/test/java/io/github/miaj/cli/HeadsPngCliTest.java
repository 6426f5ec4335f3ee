package io.github.miaj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The CLI side of HeadsPngTest (moved out of mia-report, which the CLI depends on). */
class HeadsPngCliTest {
    @Test
    void headsCommandOffersPng() {
        StringWriter out = new StringWriter();
        int rc =
                MiaCli.run(new String[] {"heads", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertEquals(0, rc);
        assertTrue(out.toString().contains("--png=FILE"), out.toString());
    }
}
