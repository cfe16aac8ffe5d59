package io.resequel.spring.jackson;

import io.resequel.model.Instance;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The Jackson 3 ({@code tools.jackson}) form of {@link ResequelModule}: an {@link Instance} is written as its
 * {@link Instance#toJSON()}. Spring Boot 4 serializes with Jackson 3; the starter registers this there.
 */
public final class ResequelJackson3Module extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Registers the {@link Instance} serializer. */
    public ResequelJackson3Module() {
        super("resequel");
        addSerializer(Instance.class, new InstanceSerializer());
    }

    private static final class InstanceSerializer extends StdSerializer<Instance> {
        InstanceSerializer() {
            super(Instance.class);
        }

        @Override
        public void serialize(Instance value, JsonGenerator gen, SerializationContext ctxt) {
            ctxt.writeValue(gen, value.toJSON());
        }
    }
}
