package dev.bulwark.ratelimit.recommend;

import java.util.Locale;

/** Where a recommended limit can be exported. */
public enum ExportFormat {
    /** Envoy ratelimit service descriptor configuration (YAML). */
    ENVOY("envoy", "yaml"),
    /** NGINX {@code limit_req_zone} / {@code limit_req} lines. */
    NGINX("nginx", "conf"),
    /** A Bucket4j bandwidth definition (Java). */
    BUCKET4J("bucket4j", "java"),
    /** A Bulwark scenario replaying the log against the limit (YAML). */
    SCENARIO("scenario", "yaml");

    private final String id;
    private final String extension;

    ExportFormat(String id, String extension) {
        this.id = id;
        this.extension = extension;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Parses a command-line name. */
    public static ExportFormat fromId(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.id.equals(t)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown export '" + text + "'; expected envoy, nginx, bucket4j or scenario");
    }
}
