package io.github.miaj.onnx;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a fresh JVM by {@link OfflineTest}, without {@code ai.djl.offline} or {@code OPT_OUT_TRACKING}: builds a
 * source through the public builder while a security manager refuses (and records) every connection to a
 * non-loopback address. Prints {@code PRE=}, {@code POST=} and {@code CONNECTS=} lines; exits 0 when it could
 * build and encode.
 */
public final class OfflineProbe {
    private OfflineProbe() {}

    @SuppressWarnings("removal")
    public static void main(String[] args) throws Exception {
        List<String> connects = new ArrayList<>();
        System.out.println("PRE=" + System.getProperty("ai.djl.offline"));
        System.setSecurityManager(new SecurityManager() {
            @Override
            public void checkPermission(Permission perm) {}

            @Override
            public void checkPermission(Permission perm, Object context) {}

            @Override
            public void checkConnect(String host, int port) {
                refuse(host, port);
            }

            @Override
            public void checkConnect(String host, int port, Object context) {
                refuse(host, port);
            }

            private void refuse(String host, int port) {
                boolean loopback;
                try {
                    loopback = port == -1 || InetAddress.getByName(host).isLoopbackAddress();
                } catch (Exception e) {
                    loopback = false;
                }
                if (!loopback) {
                    synchronized (connects) {
                        connects.add(host + ":" + port);
                    }
                    throw new SecurityException("network access refused by OfflineProbe: " + host + ":" + port);
                }
            }
        });
        int code = 0;
        try (OnnxAttentionSource s = OnnxAttentionSource.builder()
                .model(Path.of(args[0]))
                .architecture(Architecture.SEQ2SEQ)
                .decoderStartTokenId(2)
                .build()) {
            s.attend("hello world", "hello");
        } catch (RuntimeException e) {
            e.printStackTrace();
            code = 1;
        }
        System.out.println("POST=" + System.getProperty("ai.djl.offline"));
        System.out.println("OPT_OUT_AFTER=" + System.getProperty(Offline.OPT_OUT));
        System.out.println("CONNECTS=" + connects);
        System.exit(code);
    }
}
