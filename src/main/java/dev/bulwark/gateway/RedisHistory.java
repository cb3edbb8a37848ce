package dev.bulwark.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * How gateway channels are kept in Redis, shared by the reference server and by publishers: the history stream,
 * the epoch and the de-duplication marker of each channel (all hash-tagged by channel, so one channel's keys share
 * a Redis Cluster slot), and the two scripts that append to the history ({@code ingest.lua}) or append and publish
 * ({@link #PUBLISH}) atomically.
 */
public final class RedisHistory {
    /** Seconds a payload's marker is kept: instances receiving the same message within it agree on its offset. */
    public static final int SEEN_TTL_SECONDS = 120;
    /** The ingest script. */
    public static final Script INGEST = new Script(load("ingest.lua"), null);
    /**
     * The append-and-publish script: ingest, then {@code PUBLISH <ARGV[5]> <payload>} in the same atomic step, so a
     * message published while no Bulwark instance runs is in the history all the same.
     */
    public static final Script PUBLISH = new Script(INGEST.source().replace("return {id, epoch}",
            "redis.call('PUBLISH', ARGV[5], ARGV[1])\nreturn {id, epoch}"), null);

    private RedisHistory() {
    }

    /** A Lua script and its SHA-1 (for EVALSHA). */
    public record Script(String source, String sha) {
        public Script {
            if (!source.contains("return {id, epoch}")) {
                throw new IllegalStateException("a history script must end with return {id, epoch}");
            }
            if (sha == null) {
                sha = sha1(source);
            }
        }
    }

    /**
     * Runs {@code script} with EVALSHA, sending it whole once if Redis has forgotten it (restarted or flushed).
     *
     * @return the script's reply: {@code [id, epoch]}
     */
    public static java.util.concurrent.CompletableFuture<java.util.List<Object>> run(
            io.lettuce.core.api.async.RedisAsyncCommands<String, String> redis, Script script, String[] keys, String[] args) {
        return redis.<java.util.List<Object>>evalsha(script.sha(), io.lettuce.core.ScriptOutputType.MULTI, keys, args)
                .toCompletableFuture()
                .exceptionallyCompose(e -> noScript(e)
                        ? redis.<java.util.List<Object>>eval(script.source(), io.lettuce.core.ScriptOutputType.MULTI, keys, args)
                        .toCompletableFuture()
                        : java.util.concurrent.CompletableFuture.failedFuture(e));
    }

    private static boolean noScript(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.lettuce.core.RedisNoScriptException) {
                return true;
            }
        }
        return false;
    }

    public static String streamKey(String channel) {
        return "bulwark:history:{" + channel + "}";
    }

    public static String epochKey(String channel) {
        return "bulwark:epoch:{" + channel + "}";
    }

    public static String seenKey(String channel, String payload) {
        return "bulwark:seen:{" + channel + "}:" + sha1(payload);
    }

    /** KEYS of both scripts for {@code payload} on {@code channel}. */
    public static String[] keys(String channel, String payload) {
        return new String[] {streamKey(channel), epochKey(channel), seenKey(channel, payload)};
    }

    /** ARGV of {@link #INGEST}. */
    public static String[] ingestArgs(String payload, int historySize) {
        return new String[] {payload, Integer.toString(historySize), UUID.randomUUID().toString(),
                Integer.toString(SEEN_TTL_SECONDS)};
    }

    /** ARGV of {@link #PUBLISH}. */
    public static String[] publishArgs(String channel, String payload, int historySize) {
        return new String[] {payload, Integer.toString(historySize), UUID.randomUUID().toString(),
                Integer.toString(SEEN_TTL_SECONDS), channel};
    }

    static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable", e);
        }
    }

    private static String load(String resource) {
        try (InputStream in = RedisHistory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
