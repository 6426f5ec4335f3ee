package io.github.miaj.report.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium driven over the DevTools protocol with nothing but java.net.http: enough to load a page,
 * evaluate script, click and press keys like a person would. Each instance has its own temporary profile,
 * deleted on close.
 */
public final class Chromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final WebSocket ws;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();

    /** The chromium binary, if this machine has one: /usr/bin/chromium or the first on PATH. */
    public static Optional<Path> binary() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Optional.of(Path.of(p));
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path c = Path.of(dir, "chromium");
                if (Files.isExecutable(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private Chromium(Process process, Path profile, WebSocket ws) {
        this.process = process;
        this.profile = profile;
        this.ws = ws;
    }

    /** Starts Chromium on {@code url} with a window of the given size and connects to its page. */
    public static Chromium launch(Path binary, String url, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory("mia-chromium-");
        Process proc = null;
        try {
            proc = new ProcessBuilder(
                            binary.toString(),
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--no-default-browser-check",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--disable-quic",
                            "--disable-extensions",
                            "--disable-dev-shm-usage",
                            "--hide-scrollbars",
                            "--mute-audio",
                            "--user-data-dir=" + profile,
                            "--remote-debugging-port=0",
                            "--window-size=" + width + "," + height,
                            url)
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!proc.isAlive()) {
                    throw new IOException("chromium exited with status " + proc.exitValue() + ": "
                            + Files.readString(profile.resolve("chromium.log")));
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("chromium did not open its DevTools port within 20 s");
                }
                Thread.sleep(50);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String wsUrl = null;
            while (wsUrl == null) {
                String list = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                for (Object t : (List<?>) MiniJson.parse(list)) {
                    Map<?, ?> target = (Map<?, ?>) t;
                    if ("page".equals(target.get("type"))) {
                        wsUrl = (String) target.get("webSocketDebuggerUrl");
                        break;
                    }
                }
                if (wsUrl == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("chromium shows no page target");
                    }
                    Thread.sleep(50);
                }
            }
            Chromium[] self = new Chromium[1];
            Process p = proc;
            WebSocket socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            self[0].onText(data, last);
                            w.request(1);
                            return null;
                        }
                    })
                    .get(10, TimeUnit.SECONDS);
            self[0] = new Chromium(p, profile, socket);
            return self[0];
        } catch (Exception | Error e) {
            if (proc != null) {
                proc.destroyForcibly();
            }
            deleteTree(profile);
            throw e;
        }
    }

    private void onText(CharSequence data, boolean last) {
        Map<String, Object> msg;
        synchronized (partial) {
            partial.append(data);
            if (!last) {
                return;
            }
            msg = castMap(MiniJson.parse(partial.toString()));
            partial.setLength(0);
        }
        Object id = msg.get("id");
        if (id instanceof Double d) {
            CompletableFuture<Map<String, Object>> f = pending.remove(d.intValue());
            if (f != null) {
                f.complete(msg);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    /** Sends one DevTools command ({@code params} as JSON text) and returns its result object. */
    public Map<String, Object> send(String method, String params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> f = new CompletableFuture<>();
        pending.put(id, f);
        ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
                .get(10, TimeUnit.SECONDS);
        Map<String, Object> msg = f.get(15, TimeUnit.SECONDS);
        if (msg.containsKey("error")) {
            throw new IllegalStateException(method + " failed: " + msg.get("error"));
        }
        return castMap(msg.get("result"));
    }

    /** Evaluates a script expression in the page (promises awaited) and returns its value as JSON-like objects. */
    public Object eval(String expression) throws Exception {
        Map<String, Object> r = send(
                "Runtime.evaluate",
                "{\"expression\":" + MiniJson.quote(expression) + ",\"returnByValue\":true,\"awaitPromise\":true}");
        if (r.containsKey("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return castMap(r.get("result")).get("value");
    }

    /** Polls {@code condition} until it is true; fails after {@code seconds}. */
    public void waitFor(String condition, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        // while a page loads, its document may be half there: count a throwing condition as not yet true
        while (!Boolean.TRUE.equals(
                evalQuietly("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("page never satisfied: " + condition);
            }
            Thread.sleep(25);
        }
    }

    private Object evalQuietly(String expression) throws Exception {
        try {
            return eval(expression);
        } catch (IllegalStateException navigating) {
            return null;
        }
    }

    /** A real mouse click (press and release of the left button) at viewport coordinates. */
    public void click(double x, double y) throws Exception {
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            send(
                    "Input.dispatchMouseEvent",
                    "{\"type\":\"" + type + "\",\"x\":" + x + ",\"y\":" + y
                            + (type.equals("mouseMoved") ? "" : ",\"button\":\"left\",\"clickCount\":1") + "}");
        }
    }

    /** Presses and releases Enter in the focused element. */
    public void pressEnter() throws Exception {
        send(
                "Input.dispatchKeyEvent",
                "{\"type\":\"rawKeyDown\",\"key\":\"Enter\",\"code\":\"Enter\","
                        + "\"windowsVirtualKeyCode\":13,\"nativeVirtualKeyCode\":13}");
        send(
                "Input.dispatchKeyEvent",
                "{\"type\":\"keyUp\",\"key\":\"Enter\",\"code\":\"Enter\","
                        + "\"windowsVirtualKeyCode\":13,\"nativeVirtualKeyCode\":13}");
    }

    /** Emulates {@code prefers-color-scheme} (light or dark). */
    public void colorScheme(String scheme) throws Exception {
        send(
                "Emulation.setEmulatedMedia",
                "{\"features\":[{\"name\":\"prefers-color-scheme\",\"value\":\"" + scheme + "\"}]}");
    }

    /** Saves a PNG of what the page shows now (the viewport, or the whole page with {@code full}). */
    public void screenshot(Path png, boolean full) throws Exception {
        Map<String, Object> r =
                send("Page.captureScreenshot", "{\"format\":\"png\",\"captureBeyondViewport\":" + full + "}");
        Files.write(png, Base64.getDecoder().decode((String) r.get("data")));
    }

    /** Loads another address in the same page and waits for its load event. */
    public void navigate(String url) throws Exception {
        send("Page.navigate", "{\"url\":" + MiniJson.quote(url) + "}");
    }

    @Override
    public void close() {
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes away below anyway
        }
        // only this browser's own processes: its children first, then itself
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a file chromium still holds; the temp folder is cleaned by the OS later
                }
            });
        } catch (IOException ignored) {
            // as above
        }
    }
}
