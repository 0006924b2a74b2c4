package org.iolab.apps.http.h2;

import java.nio.charset.StandardCharsets;

/**
 * HTTP/2's numbers (RFC 9113): frame types (6), flags, error codes (7), settings (6.5.2), the
 * client's connection preface (3.4). Public for clients and tests that speak frames.
 *
 * <p>Thread rule: constants.
 */
public final class Http2 {

    /** What a client's connection begins with, before its SETTINGS (3.4). */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int FRAME_HEADER = 9;

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int PRIORITY = 0x2;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PUSH_PROMISE = 0x5;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int WINDOW_UPDATE = 0x8;
    public static final int CONTINUATION = 0x9;

    public static final int END_STREAM = 0x1;
    public static final int ACK = 0x1;
    public static final int END_HEADERS = 0x4;
    public static final int PADDED = 0x8;
    public static final int PRIORITY_FLAG = 0x20;

    public static final int NO_ERROR = 0x0;
    public static final int PROTOCOL_ERROR = 0x1;
    public static final int INTERNAL_ERROR = 0x2;
    public static final int FLOW_CONTROL_ERROR = 0x3;
    public static final int SETTINGS_TIMEOUT = 0x4;
    public static final int STREAM_CLOSED = 0x5;
    public static final int FRAME_SIZE_ERROR = 0x6;
    public static final int REFUSED_STREAM = 0x7;
    public static final int CANCEL = 0x8;
    public static final int COMPRESSION_ERROR = 0x9;
    public static final int CONNECT_ERROR = 0xa;
    public static final int ENHANCE_YOUR_CALM = 0xb;
    public static final int INADEQUATE_SECURITY = 0xc;
    public static final int HTTP_1_1_REQUIRED = 0xd;

    public static final int SETTINGS_HEADER_TABLE_SIZE = 0x1;
    public static final int SETTINGS_ENABLE_PUSH = 0x2;
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    public static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;
    public static final int SETTINGS_MAX_FRAME_SIZE = 0x5;
    public static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;

    /** The defaults every peer starts from (6.5.2). */
    public static final int DEFAULT_WINDOW = 65_535;
    public static final int DEFAULT_FRAME_SIZE = 16_384;
    public static final int MAX_FRAME_SIZE_LIMIT = 16_777_215;
    public static final int MAX_WINDOW = Integer.MAX_VALUE;

    private Http2() {
    }

    /** An error code's name, for logs and GOAWAY's debug data. */
    public static String errorName(int code) {
        return switch (code) {
            case NO_ERROR -> "NO_ERROR";
            case PROTOCOL_ERROR -> "PROTOCOL_ERROR";
            case INTERNAL_ERROR -> "INTERNAL_ERROR";
            case FLOW_CONTROL_ERROR -> "FLOW_CONTROL_ERROR";
            case SETTINGS_TIMEOUT -> "SETTINGS_TIMEOUT";
            case STREAM_CLOSED -> "STREAM_CLOSED";
            case FRAME_SIZE_ERROR -> "FRAME_SIZE_ERROR";
            case REFUSED_STREAM -> "REFUSED_STREAM";
            case CANCEL -> "CANCEL";
            case COMPRESSION_ERROR -> "COMPRESSION_ERROR";
            case CONNECT_ERROR -> "CONNECT_ERROR";
            case ENHANCE_YOUR_CALM -> "ENHANCE_YOUR_CALM";
            case INADEQUATE_SECURITY -> "INADEQUATE_SECURITY";
            case HTTP_1_1_REQUIRED -> "HTTP_1_1_REQUIRED";
            default -> "0x" + Integer.toHexString(code);
        };
    }
}
