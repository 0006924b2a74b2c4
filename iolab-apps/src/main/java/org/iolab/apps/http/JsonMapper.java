package org.iolab.apps.http;

/**
 * Your JSON library, as the router uses it ({@link Router#jsonMapper}): iolab's HTTP API has no
 * JSON library of its own. With Jackson:
 *
 * <pre>{@code
 * ObjectMapper jackson = new ObjectMapper();
 * router.jsonMapper(new JsonMapper() {
 *     public byte[] write(Object value) throws Exception { return jackson.writeValueAsBytes(value); }
 *     public <T> T read(byte[] json, Class<T> type) throws Exception { return jackson.readValue(json, type); }
 * });
 * }</pre>
 *
 * <p>Thread rule: called from many connections' threads at once (Jackson's ObjectMapper is safe so).
 */
public interface JsonMapper {

    /** {@code value} as UTF-8 JSON. */
    byte[] write(Object value) throws Exception;

    /** {@code json} read as a {@code type}. */
    <T> T read(byte[] json, Class<T> type) throws Exception;
}
