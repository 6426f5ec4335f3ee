package io.github.miaj.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library's version, from a resource Maven fills in at build time. */
public final class Version {
    private Version() {}

    public static String library() {
        try (InputStream in = Version.class.getResourceAsStream("/io/github/miaj/mia-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
