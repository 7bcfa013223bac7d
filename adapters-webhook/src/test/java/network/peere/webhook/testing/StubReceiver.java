package network.peere.webhook.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real receiver on 127.0.0.1 and a free port: it records every request (headers and exact body) and answers as the
 * test says: a status, a body and headers, optionally stalling after the first byte of the body.
 */
public final class StubReceiver implements AutoCloseable {
    /** How the receiver answers. */
    public record Answer(int status, byte[] body, Map<String, String> headers, Duration stall) {
        public static Answer of(int status, String body) {
            return new Answer(status, body.getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
        }

        public Answer with(String header, String value) {
            return new Answer(status, body, Map.of(header, value), stall);
        }

        /** Sends the headers and the body's first byte, then waits {@code stall} before the rest. */
        public Answer stallingAfterFirstByte(Duration stall) {
            return new Answer(status, body, headers, stall);
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

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Answer> answer = new AtomicReference<>(Answer.of(200, ""));
    private final HttpServer server;

    public StubReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            received.add(new Received(
                    Map.copyOf(exchange.getRequestHeaders()),
                    exchange.getRequestBody().readAllBytes()));
            Answer now = answer.get();
            now.headers().forEach(exchange.getResponseHeaders()::add);
            try (OutputStream out = exchange.getResponseBody()) {
                if (now.stall().isZero()) {
                    exchange.sendResponseHeaders(now.status(), now.body().length == 0 ? -1 : now.body().length);
                    out.write(now.body());
                    return;
                }
                exchange.sendResponseHeaders(now.status(), 0);
                out.write(now.body(), 0, 1);
                out.flush();
                Thread.sleep(now.stall());
                out.write(now.body(), 1, now.body().length - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException clientGone) {
                // The sender stopped reading (a capped or timed-out reply): nothing to answer anymore.
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void answer(Answer next) {
        answer.set(next);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
