package network.peere.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself, before any route runs — a URI it refuses (an encoded NUL or slash, {@code ..}),
 * a request line or header fields too large for its buffers, a malformed header — as the same problem details every
 * route sends, instead of Jetty's HTML page: a client parses one error format whatever refused it.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    public ProblemErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An error Jetty raises while it handles a request it could parse (a refused URI). */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer given ? given : response.getStatus();
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(body(status, request.getHttpURI().getPath())), callback);
        return true;
    }

    /** An error Jetty raises while it parses a request (a request line or header fields too large, a bad header). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        return ByteBuffer.wrap(body(status, ""));
    }

    private byte[] body(int status, String path) {
        ErrorCode code = codeFor(status);
        String detail = detailFor(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:peere:error:" + code.wire());
        body.put("title", code.title());
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", path == null ? "" : path);
        body.put("code", code.wire());
        body.put("statusCode", status);
        body.put("success", false);
        body.put("message", detail);
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** The stable code of an error status the server or Jetty raised without one of its own. */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414 -> ErrorCode.URI_TOO_LONG;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 431 -> ErrorCode.HEADERS_TOO_LARGE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.INVALID_REQUEST;
        };
    }

    private static String detailFor(ErrorCode code) {
        return switch (code) {
            case URI_TOO_LONG -> "The request line is longer than the server accepts.";
            case HEADERS_TOO_LARGE -> "The request's header fields are larger than the server accepts.";
            case INVALID_REQUEST ->
                "The request's URI or headers are malformed (an encoded NUL or slash, a '..'"
                        + " segment, a bad header).";
            case INTERNAL_ERROR -> "Something went wrong on our side.";
            default -> code.title() + ".";
        };
    }
}
