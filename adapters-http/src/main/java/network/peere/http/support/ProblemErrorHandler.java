package network.peere.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers Jetty gives by itself, before any route runs — a URI it refuses (an encoded NUL or slash, a {@code ..}
 * segment), a request line or header fields too large for its buffers, a malformed header — as the same problem
 * details every route sends, instead of Jetty's HTML page: a client parses one error format whatever refused it.
 * Each gets a request id of its own (in {@code X-Request-Id}, the body and one log line), since no route assigned one.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorHandler.class);

    /** The method Jetty gives a request it could not parse (a request line too long or malformed). */
    private static final String UNPARSED = "BAD";

    private final ObjectMapper mapper;

    public ProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer given ? given : response.getStatus();
        String id = RequestIds.generate();
        boolean parsed = !UNPARSED.equals(request.getMethod());
        String path = parsed ? request.getHttpURI().getPath() : "";
        LOG.info("{} {} refused before routing: {} [{}]", request.getMethod(), path, status, id);
        response.setStatus(status);
        response.getHeaders().put(RequestIds.HEADER, id);
        generateCacheControl(response);
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        ErrorCode code = ErrorCode.forStatus(status);
        String detail = detail(code, status, request.getAttribute(ERROR_MESSAGE));
        Map<String, Object> body = Problems.body(code, status, detail, path == null ? "" : path);
        body.put("requestId", id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        try {
            response.write(true, ByteBuffer.wrap(mapper.writeValueAsBytes(body)), callback);
        } catch (JsonProcessingException impossible) {
            callback.failed(impossible);
        }
        return true;
    }

    /** Ours for the refusals this handler exists for; Jetty's own reason for anything rarer (408, 505 …). */
    private static String detail(ErrorCode code, int status, Object jettyMessage) {
        return switch (status) {
            case 400 ->
                "The request's URI or headers are malformed (an encoded NUL or slash, a '..' segment, a bad"
                        + " header).";
            case 414 -> "The request line is longer than the server accepts.";
            case 431 -> "The request's header fields are larger than the server accepts.";
            default -> jettyMessage instanceof String message && !message.isBlank() ? message : code.title() + ".";
        };
    }
}
