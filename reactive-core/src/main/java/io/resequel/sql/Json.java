package io.resequel.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** JSON values through one shared Jackson mapper: written as text, read as maps, lists and scalars. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private Json() {
    }

    /** @return the mapper used for JSON columns */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** @param value a Java value @return its JSON text */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value of " + value.getClass().getName() + " is not JSON-serializable", e);
        }
    }

    /** @param raw JSON text (String, bytes or a driver's JSON holder whose toString is the text) @return the value */
    public static Object read(Object raw) {
        String text;
        if (raw instanceof String s) {
            text = s;
        } else if (raw instanceof byte[] b) {
            text = new String(b, StandardCharsets.UTF_8);
        } else if (raw instanceof ByteBuffer buf) {
            text = StandardCharsets.UTF_8.decode(buf.duplicate()).toString();
        } else {
            text = raw.toString();
        }
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column holds invalid JSON", e);
        }
    }
}
