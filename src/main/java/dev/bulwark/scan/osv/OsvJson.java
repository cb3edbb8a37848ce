package dev.bulwark.scan.osv;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Builds the Jackson mapper the advisory store uses (ISO timestamps, tolerant of added fields). */
public final class OsvJson {
    private OsvJson() {
    }

    /** A new mapper configured for the store's files; callers own it. */
    public static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Deeply nested hostile JSON fails fast instead of exhausting the stack.
        m.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNestingDepth(200).build());
        return m;
    }
}
