package network.peere.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The top-level members of one JSON object (RFC 8259, strict), in order and with duplicates kept: enough to write a
 * link callback's item as form fields and to read a receiver's {@code {"status":"success"}}. Numbers keep their text
 * ({@code 10.00} stays {@code 10.00}), nested objects and arrays come back as compact JSON text. The module has no JSON
 * library and needs no more than this.
 */
final class JsonMembers {
    /** Deeper nesting is refused rather than followed, so a hostile reply cannot exhaust the stack. */
    static final int DEPTH_MAX = 64;

    /** A member's value. */
    sealed interface Value {
        /** A string, unescaped. */
        record Text(String value) implements Value {}

        /** A number, {@code true} or {@code false}, as written. */
        record Literal(String json) implements Value {}

        record Null() implements Value {}

        /** An object or array as compact JSON text (strings keep their escapes). */
        record Nested(String json) implements Value {}
    }

    record Member(String name, Value value) {}

    private final String text;
    private int at;

    private JsonMembers(String text) {
        this.text = text;
    }

    /** The members of {@code text} when it is exactly one JSON object (whitespace around it allowed), else empty. */
    static Optional<List<Member>> of(String text) {
        var reader = new JsonMembers(text);
        try {
            List<Member> members = reader.object();
            reader.whitespace();
            return reader.at == text.length() ? Optional.of(members) : Optional.empty();
        } catch (Malformed e) {
            return Optional.empty();
        }
    }

    private List<Member> object() {
        whitespace();
        expect('{');
        List<Member> members = new ArrayList<>();
        whitespace();
        if (peek() == '}') {
            at++;
            return members;
        }
        while (true) {
            whitespace();
            String name = string();
            whitespace();
            expect(':');
            whitespace();
            members.add(new Member(name, value()));
            whitespace();
            char after = next();
            if (after == '}') {
                return members;
            }
            if (after != ',') {
                throw new Malformed();
            }
        }
    }

    private Value value() {
        return switch (peek()) {
            case '"' -> new Value.Text(string());
            case '{', '[' -> {
                var out = new StringBuilder();
                nested(out, 1);
                yield new Value.Nested(out.toString());
            }
            case 'n' -> {
                word("null");
                yield new Value.Null();
            }
            case 't' -> new Value.Literal(word("true"));
            case 'f' -> new Value.Literal(word("false"));
            default -> new Value.Literal(number());
        };
    }

    private void nested(StringBuilder out, int depth) {
        if (depth > DEPTH_MAX) {
            throw new Malformed();
        }
        char open = next();
        char close = open == '{' ? '}' : ']';
        out.append(open);
        whitespace();
        if (peek() == close) {
            out.append(next());
            return;
        }
        while (true) {
            whitespace();
            if (open == '{') {
                int start = at;
                string();
                out.append(text, start, at);
                whitespace();
                expect(':');
                out.append(':');
                whitespace();
            }
            element(out, depth);
            whitespace();
            char after = next();
            if (after == close) {
                out.append(close);
                return;
            }
            if (after != ',') {
                throw new Malformed();
            }
            out.append(',');
        }
    }

    private void element(StringBuilder out, int depth) {
        int start = at;
        switch (peek()) {
            case '"' -> string();
            case '{', '[' -> {
                nested(out, depth + 1);
                return;
            }
            case 'n' -> word("null");
            case 't' -> word("true");
            case 'f' -> word("false");
            default -> number();
        }
        out.append(text, start, at);
    }

    private String string() {
        expect('"');
        var out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw new Malformed();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            switch (next()) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(next(), 16);
                        if (digit < 0) {
                            throw new Malformed();
                        }
                        code = code * 16 + digit;
                    }
                    out.append((char) code);
                }
                default -> throw new Malformed();
            }
        }
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?} */
    private String number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (peek() == '.') {
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        return text.substring(start, at);
    }

    private void digits() {
        int start = at;
        while (peek() >= '0' && peek() <= '9') {
            at++;
        }
        if (at == start) {
            throw new Malformed();
        }
    }

    private String word(String word) {
        if (!text.startsWith(word, at)) {
            throw new Malformed();
        }
        at += word.length();
        return word;
    }

    private void whitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    /** The next character, or {@code 0} at the end (which no rule accepts where a character is needed). */
    private char peek() {
        return at < text.length() ? text.charAt(at) : 0;
    }

    private char next() {
        if (at >= text.length()) {
            throw new Malformed();
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw new Malformed();
        }
    }

    /** Not JSON, or not an object: answered as {@link Optional#empty()}, never thrown out of this class. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
