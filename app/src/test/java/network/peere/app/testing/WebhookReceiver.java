package network.peere.app.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real webhook receiver on 127.0.0.1: it records every request (headers and exact body) and answers as the test
 * says: a status, after a delay. Its port is fixed at construction, so it can be "down" (not started) first.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** How the receiver answers: a status with a body, after a delay. */
    public record Behaviour(int status, Duration delay, String body) {
        public Behaviour(int status, Duration delay) {
            this(status, delay, "OK");
        }

        public static Behaviour answer(int status) {
            return new Behaviour(status, Duration.ZERO);
        }

        public static Behaviour answer(int status, String body) {
            return new Behaviour(status, Duration.ZERO, body);
        }
    }

    /** One request as it arrived. */
    public record Received(Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final int port;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Behaviour> behaviour = new AtomicReference<>(Behaviour.answer(200));
    private HttpServer server;

    public WebhookReceiver() {
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public WebhookReceiver start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            Behaviour now = behaviour.get();
            if (!now.delay().isZero()) {
                try {
                    Thread.sleep(now.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] answer = now.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(now.status(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return this;
    }

    public void behave(Behaviour next) {
        behaviour.set(next);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }
}
