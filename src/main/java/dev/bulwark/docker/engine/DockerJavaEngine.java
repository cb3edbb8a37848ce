package dev.bulwark.docker.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.bulwark.docker.model.ContainerDetails;
import dev.bulwark.docker.model.EngineInfo;
import dev.bulwark.docker.stats.RawStats;
import dev.bulwark.docker.stats.StatsParser;
import dev.bulwark.util.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * {@link DockerEngine} over docker-java with the Apache httpclient5 transport. Listing and actions use the
 * typed client; streams (stats, events, logs) and inspect read the engine's JSON directly so that each
 * stream is one HTTP connection read by the caller's (virtual) thread, with no hidden platform threads.
 */
public final class DockerJavaEngine implements DockerEngine {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader JSON = MAPPER.readerFor(JsonNode.class);
    /** For the raw inspect document: decimals kept as written (no double rounding), keys in the engine's order. */
    private static final ObjectReader EXACT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build().readerFor(JsonNode.class);
    private static final String CONTAINER_EVENTS = "/events?filters="
            + URLEncoder.encode("{\"type\":[\"container\"]}", StandardCharsets.UTF_8);

    private final EngineSpec spec;
    private final DockerHttpClient http;
    private final DockerClient client;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Connects lazily to {@code spec}.
     *
     * @param maxConnections pool size: one per stream held (stats per running container, events, logs)
     *                       plus a few for requests
     */
    public DockerJavaEngine(EngineSpec spec, int maxConnections) {
        this.spec = spec.validate();
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(spec.host().toString())
                .withDockerTlsVerify(spec.tls());
        if (spec.tls()) {
            config.withDockerCertPath(spec.tlsCertDir().toString());
        }
        DefaultDockerClientConfig cfg = config.build();
        this.http = new ApacheDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(spec.tls() ? new LocalDirectorySSLConfig(spec.tlsCertDir().toString()) : null)
                .maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(3))
                .build();
        this.client = DockerClientImpl.getInstance(cfg, http);
    }

    @Override
    public EngineSpec spec() {
        return spec;
    }

    @Override
    public void ping() {
        call("ping", () -> client.pingCmd().exec());
    }

    @Override
    public List<String> containerIds(boolean all) {
        return call("list containers", () -> client.listContainersCmd().withShowAll(all).exec().stream()
                .map(Container::getId).toList());
    }

    @Override
    public EngineInfo info() {
        JsonNode n = getJson("info", "/info");
        return new EngineInfo(n.path("ID").asText(""), n.path("Name").asText(""), n.path("NCPU").asInt(0),
                n.path("MemTotal").asLong(0), n.path("ServerVersion").asText(""));
    }

    @Override
    public ContainerDetails inspect(String id) {
        return InspectParser.parse(getJson("inspect " + id, "/containers/" + id + "/json"));
    }

    @Override
    public String inspectJson(String id) {
        String what = "inspect " + id;
        try (DockerHttpClient.Response response = open(what, "/containers/" + id + "/json")) {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(EXACT_JSON.readValue(response.getBody()));
        } catch (IOException e) {
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public RawStats statsOnce(String id) {
        return StatsParser.parse(getJson("stats " + id, "/containers/" + id + "/stats?stream=false"));
    }

    @Override
    public EngineStream<RawStats> openStats(String id) {
        DockerHttpClient.Response response = open("stats " + id, "/containers/" + id + "/stats?stream=true");
        try {
            JsonParser parser = MAPPER.getFactory().createParser(response.getBody());
            return new HttpStream<>(response, () -> parser.nextToken() == null ? null : StatsParser.read(parser));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw new DockerEngineException(spec.name() + ": stats " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public EngineStream<EngineEvent> openEvents(Instant since) {
        return jsonStream("events", CONTAINER_EVENTS + "&since=" + since.getEpochSecond(), DockerJavaEngine::event);
    }

    @Override
    public EngineStream<LogChunk> openLogs(String id, boolean tty, LogRequest req) {
        String path = "/containers/" + id + "/logs?stdout=1&stderr=1&follow=" + (req.follow() ? 1 : 0)
                + "&timestamps=" + (req.timestamps() ? 1 : 0) + "&tail=" + (req.tail() < 0 ? "all" : req.tail());
        DockerHttpClient.Response response = open("logs " + id, path);
        MultiplexedLogReader reader = new MultiplexedLogReader(response.getBody(), tty);
        return new HttpStream<>(response, reader::next);
    }

    @Override
    public void perform(String id, ContainerAction action) {
        call(action.name().toLowerCase(java.util.Locale.ROOT) + " " + id, () -> switch (action) {
            case START -> client.startContainerCmd(id).exec();
            case STOP -> client.stopContainerCmd(id).exec();
            case RESTART -> client.restartContainerCmd(id).exec();
            case PAUSE -> client.pauseContainerCmd(id).exec();
            case UNPAUSE -> client.unpauseContainerCmd(id).exec();
            case REMOVE -> client.removeContainerCmd(id).withForce(true).exec();
        });
    }

    @Override
    public java.io.InputStream saveImage(String reference) {
        String what = "export of image " + reference;
        DockerHttpClient.Response response = open(what, "/images/get?names="
                + java.net.URLEncoder.encode(reference, StandardCharsets.UTF_8));
        return new java.io.FilterInputStream(response.getBody()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new IOException(spec.name() + ": " + what + " broke off: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    response.close();
                }
            }
        };
    }

    @Override
    public int imageLayerCount(String reference) {
        return getJson("inspect of image " + reference, "/images/"
                + java.net.URLEncoder.encode(reference, StandardCharsets.UTF_8) + "/json")
                .path("RootFS").path("Layers").size();
    }

    @Override
    public String containerImageId(String containerId) {
        String id = getJson("inspect of container " + containerId, "/containers/" + containerId + "/json")
                .path("Image").asText("");
        if (id.isEmpty()) {
            throw new DockerEngineException(spec.name() + ": container " + containerId + " names no image id");
        }
        return id;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // Also shuts the connection pool down, which aborts requests still waiting for a response head.
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing engine " + spec.name(), e);
        }
    }

    private JsonNode getJson(String what, String path) {
        try (DockerHttpClient.Response response = open(what, path)) {
            return JSON.readValue(response.getBody());
        } catch (IOException e) {
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> EngineStream<T> jsonStream(String what, String path, Function<JsonNode, T> map) {
        DockerHttpClient.Response response = open(what, path);
        try {
            // A plain parser, not a MappingIterator: that would block here until the first item arrives,
            // and a quiet engine may send no event for hours.
            JsonParser parser = MAPPER.getFactory().createParser(response.getBody());
            return new HttpStream<>(response, () -> parser.nextToken() == null ? null : map.apply(MAPPER.readTree(parser)));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** Sends a GET and returns the open response, or throws with the engine's error message. */
    private DockerHttpClient.Response open(String what, String path) {
        DockerHttpClient.Response response;
        try {
            response = http.execute(DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.GET).path(path).build());
        } catch (RuntimeException e) {
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + Errors.rootMessage(e), e);
        }
        if (response.getStatusCode() / 100 != 2) {
            String message = errorMessage(response);
            response.close();
            throw new DockerEngineException(spec.name() + ": " + what + " failed (HTTP " + response.getStatusCode()
                    + "): " + message);
        }
        return response;
    }

    private static String errorMessage(DockerHttpClient.Response response) {
        try (InputStream body = response.getBody()) {
            byte[] bytes = body.readNBytes(4096);
            JsonNode n = JSON.readValue(bytes);
            return n.path("message").asText(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "no error body (" + e.getMessage() + ")";
        }
    }

    private <T> T call(String what, java.util.concurrent.Callable<T> body) {
        try {
            return body.call();
        } catch (DockerException e) {
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new DockerEngineException(spec.name() + ": " + what + " failed: " + Errors.rootMessage(e), e);
        }
    }

    private void call(String what, Runnable body) {
        call(what, () -> {
            body.run();
            return null;
        });
    }

    private static EngineEvent event(JsonNode n) {
        JsonNode actor = n.path("Actor");
        Map<String, String> attrs = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = actor.path("Attributes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            attrs.put(e.getKey(), e.getValue().asText(""));
        }
        long nanos = n.path("timeNano").asLong(0);
        Instant time = nanos > 0 ? Instant.ofEpochSecond(0, nanos) : Instant.ofEpochSecond(n.path("time").asLong(0));
        String action = n.path("Action").asText(n.path("status").asText(""));
        return new EngineEvent(actor.path("ID").asText(n.path("id").asText("")), action, time, attrs);
    }

    /** A streamed HTTP response read item by item; close aborts the request, unblocking the reader. */
    private static final class HttpStream<T> implements EngineStream<T> {
        private final DockerHttpClient.Response response;
        private final Reader<T> reader;
        private final AtomicBoolean closed = new AtomicBoolean();

        HttpStream(DockerHttpClient.Response response, Reader<T> reader) {
            this.response = response;
            this.reader = reader;
        }

        @Override
        public T next() throws IOException {
            if (closed.get()) {
                return null;
            }
            try {
                return reader.next();
            } catch (IOException | RuntimeException e) {
                if (closed.get()) {
                    return null; // closed by us: the abort surfaces as an I/O error in the reader
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                response.close();
            }
        }
    }

    @FunctionalInterface
    private interface Reader<T> {
        T next() throws IOException;
    }
}
