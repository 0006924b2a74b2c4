package example;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.iolab.apps.http.JsonMapper;

/** Jackson as the router's {@link JsonMapper}: iolab's HTTP API has no JSON library of its own. */
public final class Jackson implements JsonMapper {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public byte[] write(Object value) throws Exception {
        return mapper.writeValueAsBytes(value);
    }

    @Override
    public <T> T read(byte[] json, Class<T> type) throws Exception {
        return mapper.readValue(json, type);
    }
}
