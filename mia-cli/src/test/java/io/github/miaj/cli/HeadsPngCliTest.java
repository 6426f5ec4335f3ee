package io.github.miaj.cli;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI side of HeadsPngTest (moved out of mia-report, which the CLI depends on). */
class HeadsPngCliTest {
    @Test
    void headsCommandOffersPng() {
        java.io.StringWriter out = new java.io.StringWriter();
        int rc = MiaCli.run(new String[] {"heads", "--help"}, new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, rc);
        assertTrue(out.toString().contains("--png=FILE"), out.toString());
    }
}
