package org.iolab.apps.http;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The head of an answer as a route gives it: its status, its content type and its fields, each
 * checked as it is given, so that a framing writes them as they are. What cannot be sent safely
 * is refused here: a 1xx (the server's own), a name that is not a token, a value with CR, LF or
 * NUL, and the fields the framing writes itself. Reused for every answer on a connection.
 *
 * <p>Thread rule: one thread at a time (the reply's).
 */
public final class ReplyHead {

    /** Fields the framing writes: a route that set them could desynchronise the framing. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "keep-alive",
            "proxy-connection", "upgrade", "te", "trailer");

    private Status status = Status.OK;
    /** The last content type given (checked), which this answer has when {@link #hasType}. */
    private String contentType;
    private boolean hasType;
    private String[] names = new String[4];
    private String[] values = new String[4];
    private int count;

    /**
     * Ready for the next answer. References are written only when they change, here and in the
     * setters: a store into an object that has grown old costs a garbage collector's barrier,
     * and a connection answering the same constant type and status would pay it every answer.
     */
    void clear() {
        if (status != Status.OK) {
            status = Status.OK;
        }
        hasType = false;
        count = 0;
    }

    void status(Status s) {
        if (s == status) {
            return;
        }
        if (s.informational()) {
            throw new IllegalArgumentException(s + " is an interim answer the server sends itself (100 Continue"
                    + " before a body, 101 by upgrade); a route answers 200 to 599");
        }
        status = s;
    }

    /** A route's field: checked, and refused when it is the framing's. {@code true} when it is the content type. */
    boolean add(String name, String value) {
        Syntax.checkName(name);
        Syntax.checkValue(name, value);
        String lower = name.toLowerCase(Locale.ROOT);
        if (FRAMING.contains(lower)) {
            throw new IllegalArgumentException(name + " is the server's to write: it frames the answer"
                    + " (the content's length and the connection's fate follow from how you answer)");
        }
        if (lower.equals("content-type")) {
            contentType = value;
            hasType = true;
            return true;
        }
        addUnchecked(name, value);
        return false;
    }

    /** A field the server itself adds ({@code Upgrade} of a 101): not the route's to refuse. */
    void addUnchecked(String name, String value) {
        if (count == names.length) {
            names = Arrays.copyOf(names, count * 2);
            values = Arrays.copyOf(values, count * 2);
        }
        names[count] = name;
        values[count++] = value;
    }

    void contentType(String type) {
        if (type != contentType) { // the same constant, answer after answer, is checked and stored once
            Syntax.checkValue("Content-Type", type);
            contentType = type;
        }
        hasType = true;
    }

    /** The server's own answer replaces the route's: a status and a type, no fields. */
    void replace(Status s, String type) {
        status = s;
        contentType = type;
        hasType = true;
        count = 0;
    }

    void switching() {
        status = Status.SWITCHING_PROTOCOLS;
    }

    public Status status() {
        return status;
    }

    /** The content type, or {@code null} for none. */
    public String contentType() {
        return hasType ? contentType : null;
    }

    /** How many fields were added (Content-Type apart). */
    public int count() {
        return count;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** Whether a field {@code name} was added (any case). */
    public boolean has(String name) {
        for (int i = 0; i < count; i++) {
            if (names[i].equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
