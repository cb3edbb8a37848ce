package dev.bulwark.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The decision scripts, loaded from the classpath; {@link #sha()} is what EVALSHA needs. */
enum LuaScript {
    BUCKET("bucket.lua"), INTERVAL("interval.lua"), FIXED("fixed.lua"), SLIDING("sliding.lua"), LOG("log.lua");

    private final String source;
    private final String sha;

    LuaScript(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + resource);
            }
            this.source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script " + resource, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    String source() {
        return source;
    }

    String sha() {
        return sha;
    }
}
