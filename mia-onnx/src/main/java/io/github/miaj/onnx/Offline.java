package io.github.miaj.onnx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL off the network. DJL's tokenizer library calls a cloud metadata address ("telemetry") and may
 * download native libraries unless {@code ai.djl.offline=true}; it reads the property when a tokenizer is
 * created, so setting it just before the first tokenizer is enough. Called by every builder before it
 * touches a DJL class; no static initialiser does it, so merely loading MIA-J classes changes nothing.
 */
public final class Offline {
    /** The system property DJL reads. */
    public static final String PROPERTY = "ai.djl.offline";
    private static final Logger LOG = LoggerFactory.getLogger(Offline.class);

    private Offline() {
    }

    /**
     * Sets {@code ai.djl.offline=true} unless the property is already set. An explicit {@code false} is
     * respected (with a warning), for users who deliberately let DJL download.
     */
    public static void ensure() {
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            System.setProperty(PROPERTY, "true");
        } else if (!Boolean.parseBoolean(value)) {
            LOG.warn("{}={} was set explicitly: DJL may contact the network", PROPERTY, value);
        }
    }
}
