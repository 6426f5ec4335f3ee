package io.github.miaj.onnx;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Creates DJL tokenizers without DJL reaching the network and without changing the host's settings.
 *
 * <p>A tokenizer read from bytes needs nothing from the network, but every {@code HuggingFaceTokenizer.newInstance}
 * first calls DJL's usage tracking ({@code Ec2Utils.callHome}), which contacts the EC2 metadata address unless
 * offline mode ({@code DJL_OFFLINE} / {@code ai.djl.offline}) or {@code OPT_OUT_TRACKING} is set as an environment
 * variable or system property. DJL offers no per-call switch, so this class sets the system property
 * {@code OPT_OUT_TRACKING=true} only for the duration of the call, under a lock, and then restores the previous
 * value (or clears it). Offline mode is never set, so the host's DJL model-zoo downloads keep working; another
 * thread of the host that creates a DJL tokenizer during those microseconds also skips its tracking call.
 * Nothing is changed when the host already opted out.
 *
 * <p>DJL copies its native tokenizer library into its cache directory ({@code ~/.djl.ai} unless the
 * {@code DJL_CACHE_DIR} environment variable or system property says otherwise) on first use; the jar holds
 * the library for the common platforms, so nothing is downloaded there either.
 */
final class Offline {
    /** DJL's opt-out of usage tracking, read as an environment variable or a system property. */
    static final String OPT_OUT = "OPT_OUT_TRACKING";

    private static final Object LOCK = new Object();

    private Offline() {}

    /** A tokenizer from {@code json}, created with DJL's tracking call skipped. */
    static HuggingFaceTokenizer newTokenizer(InputStream json, Map<String, String> options) throws IOException {
        if (optedOut()) {
            return HuggingFaceTokenizer.newInstance(json, options);
        }
        synchronized (LOCK) {
            String before = System.getProperty(OPT_OUT);
            System.setProperty(OPT_OUT, "true");
            try {
                return HuggingFaceTokenizer.newInstance(json, options);
            } finally {
                if (before == null) {
                    System.clearProperty(OPT_OUT);
                } else {
                    System.setProperty(OPT_OUT, before);
                }
            }
        }
    }

    private static boolean optedOut() {
        return isTrue(System.getenv(OPT_OUT))
                || isTrue(System.getProperty(OPT_OUT))
                || isTrue(System.getenv("DJL_OFFLINE"))
                || isTrue(System.getProperty("ai.djl.offline"));
    }

    private static boolean isTrue(String value) {
        return Boolean.parseBoolean(value);
    }
}
