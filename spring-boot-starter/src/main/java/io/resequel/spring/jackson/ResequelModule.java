package io.resequel.spring.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.resequel.model.Instance;
import java.io.IOException;

/**
 * Jackson 2 module: an {@link Instance} (and so any typed model class) is written as its {@link Instance#toJSON()}:
 * the attribute values it holds (excluded attributes are not there), virtual getters applied, included associations
 * nested. Registered by the Spring Boot starter; elsewhere {@code mapper.registerModule(new ResequelModule())}.
 */
public final class ResequelModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    /** Registers the {@link Instance} serializer. */
    public ResequelModule() {
        super("resequel");
        addSerializer(Instance.class, new InstanceSerializer());
    }

    private static final class InstanceSerializer extends StdSerializer<Instance> {
        private static final long serialVersionUID = 1L;

        InstanceSerializer() {
            super(Instance.class);
        }

        @Override
        public void serialize(Instance value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            provider.defaultSerializeValue(value.toJSON(), gen);
        }
    }
}
