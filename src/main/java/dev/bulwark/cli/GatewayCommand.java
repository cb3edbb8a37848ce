package dev.bulwark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.gateway.Channels;
import dev.bulwark.gateway.FrameCodec;
import dev.bulwark.gateway.GatewayFrame;
import dev.bulwark.gateway.client.GatewayClient;
import dev.bulwark.gateway.client.GatewayClientConfig;
import dev.bulwark.gateway.client.GatewayClients;
import dev.bulwark.gateway.client.GatewayHttp;
import dev.bulwark.gateway.client.GatewayStatus;
import dev.bulwark.gateway.client.RedisPublisher;
import dev.bulwark.gateway.client.TlsContexts;
import dev.bulwark.gateway.server.GatewayServer;
import dev.bulwark.gateway.server.GatewayServerConfig;
import dev.bulwark.ratelimit.TimeSource;
import dev.bulwark.util.NamedThreads;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bulwark gateway listen|serve|publish}: the MAXIMUS gateway client, reference server and publisher. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "The MAXIMUS real-time gateway: listen to channels, serve a reference gateway, publish.",
        subcommands = {GatewayCommand.Listen.class, GatewayCommand.Serve.class, GatewayCommand.Publish.class})
public final class GatewayCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: listen, serve or publish");
    }

    /** Reads a token file: its first line, trimmed. The token itself is never printed. */
    static String readToken(CommandSpec spec, Path file) {
        if (file == null) {
            return null;
        }
        try {
            String t = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
            if (t.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--token-file " + file + ": the file is empty");
            }
            return t;
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--token-file " + file + ": cannot read it ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static void requireChannel(CommandSpec spec, String channel) {
        try {
            Channels.require(channel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--channel: " + e.getMessage());
        }
    }

    /** {@code 15s}, {@code 500ms}, {@code 2m}. */
    static Duration duration(CommandSpec spec, String option, String text) {
        var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m)").matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), option + " '" + text + "': use e.g. 15s, 500ms or 2m");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }

    /** Prints received messages until interrupted; status changes go to stderr. */
    @Command(name = "listen", mixinStandardHelpOptions = true,
            description = {"Connects to URL (ws://host:port or wss://...), subscribes to the channels and prints every",
                    "message: a line each, or JSON lines with --json. Status goes to stderr. Reconnects (with backoff,",
                    "recovering missed messages from a Bulwark gateway) until interrupted."},
            footer = {"", "Exit codes: 0 interrupted after a normal run, 2 usage error (bad URL, channel, token or CA file)."})
    static final class Listen implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "the gateway, ws://HOST:PORT or wss://HOST:PORT")
        String url;

        @Option(names = "--channel", required = true, paramLabel = "C", description = "channel (repeatable): "
                + "maximus:containers, maximus:threats, maximus:tasks, maximus:osint, maximus:ai, maximus:consciousness, maximus:system")
        List<String> channels;

        @Option(names = "--client-id", paramLabel = "ID", description = "client id (default: bulwark-cli-<random>)")
        String clientId;

        @Option(names = "--heartbeat", paramLabel = "DURATION", defaultValue = "15s",
                description = "application ping interval (default: ${DEFAULT-VALUE}); no pong for two intervals drops the connection")
        String heartbeat;

        @Option(names = "--token-file", paramLabel = "F", description = "a file holding the bearer token")
        Path tokenFile;

        @Option(names = "--ca-file", paramLabel = "F", description = "PEM certificates to trust for wss:// besides the system's")
        Path caFile;

        @Option(names = "--json", description = "print each message as one JSON line (the frame as received)")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (String c : channels) {
                requireChannel(spec, c);
            }
            String token = readToken(spec, tokenFile);
            GatewayClientConfig config;
            try {
                config = GatewayClientConfig.of(URI.create(url), clientId != null ? clientId
                                : "bulwark-cli-" + UUID.randomUUID().toString().substring(0, 8))
                        .withToken(() -> token).withCaFile(caFile)
                        .withTimings(duration(spec, "--heartbeat", heartbeat), Duration.ofSeconds(10), Duration.ofSeconds(5));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "URL: " + e.getMessage());
            }
            FrameCodec codec = FrameCodec.create();
            String[] lastStatus = {""};
            CountDownLatch stop = new CountDownLatch(1);
            GatewayClient.Listener listener = new GatewayClient.Listener() {
                @Override
                public synchronized void onMessage(GatewayClient.InboundMessage m) {
                    GatewayFrame f = m.frame();
                    if (json) {
                        out.println(codec.encode(f));
                    } else {
                        out.println(f.timestamp() + "  " + f.channel() + "  " + f.type() + (m.recovered() ? " (recovered)" : "")
                                + "  " + (f.data() == null ? "" : f.data().toString()));
                    }
                    out.flush();
                }

                @Override
                public synchronized void onStatus(GatewayStatus s) {
                    // One line per change of state, mode or guarantee (not per round-trip figure or countdown second).
                    String line = s.connection().kind() + "|" + s.mode() + "|" + s.recovery().describe() + "|"
                            + s.connection().reason();
                    if (!line.equals(lastStatus[0])) {
                        lastStatus[0] = line;
                        err.println("gateway " + config.describe() + ": " + s.describe(java.time.Instant.now()));
                        err.flush();
                    }
                }
            };
            try (GatewayClients.Owned owned = GatewayClients.open(config, null, Clock.systemUTC(), listener)) {
                channels.forEach(owned.client()::subscribe);
                Thread hook = new Thread(stop::countDown, "gateway-listen-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                owned.client().start();
                stop.await();
            }
            return 0;
        }
    }

    /** Runs a reference gateway until interrupted. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = {"Runs the reference MAXIMUS gateway: /ws/{client_id}, GET /health, GET /events (long-poll),",
                    "POST /publish, recovery of missed messages. With --redis, instances on the same Redis (Bulwark's",
                    "or the existing gateway's) deliver each other's messages."},
            footer = {"", "POST /publish needs 'Authorization: Bearer <token>' with --token-file (which WebSocket clients",
                    "then need too); without it, it is accepted from loopback only. Binds 127.0.0.1 unless --host says otherwise."})
    static final class Serve implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--port", required = true, paramLabel = "P", description = "port (0 picks a free one)")
        int port;

        @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
        String host;

        @Option(names = "--redis", paramLabel = "URI", description = "share messages and history through Redis at URI")
        String redis;

        @Option(names = "--token-file", paramLabel = "F", description = "a file holding the bearer token")
        Path tokenFile;

        @Option(names = "--history", paramLabel = "N", defaultValue = "1000",
                description = "messages kept per channel for recovery (default: ${DEFAULT-VALUE})")
        int history;

        @Option(names = "--allow-origin", paramLabel = "ORIGIN", description = "browser origins allowed (repeatable; default: any)")
        List<String> origins;

        @Override
        public Integer call() throws Exception {
            GatewayServerConfig config;
            try {
                config = GatewayServerConfig.defaults(port).withHost(host).withRedis(redis)
                        .withToken(readToken(spec, tokenFile)).withHistory(history)
                        .withOrigins(origins == null ? java.util.Set.of() : java.util.Set.copyOf(origins));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter err = spec.commandLine().getErr();
            if (config.bindsBeyondLoopback()) {
                err.println("bulwark: warning: listening on " + host + ", reachable from other machines");
            }
            CountDownLatch stop = new CountDownLatch(1);
            try (GatewayServer server = new GatewayServer(config, Clock.systemUTC(), TimeSource.system())) {
                try {
                    server.start();
                } catch (io.lettuce.core.RedisException e) {
                    err.println("bulwark: cannot reach Redis for --redis: " + dev.bulwark.util.Errors.rootMessage(e));
                    return Cli.EXIT_USAGE;
                } catch (IOException e) {
                    err.println("bulwark: cannot listen on " + host + ":" + port + ": " + e.getMessage());
                    return Cli.EXIT_USAGE;
                }
                spec.commandLine().getOut().println("gateway listening on ws://" + host + ":" + server.port()
                        + (redis == null ? " (in-process)" : " (redis)"));
                spec.commandLine().getOut().flush();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "gateway-serve-stop"));
                stop.await();
            }
            return 0;
        }
    }

    /** Publishes one frame through a gateway's POST /publish or through Redis. */
    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Publishes one message: to a gateway's POST /publish (URL http://host:port) or to the Redis",
                    "that gateway instances share (--redis URI)."},
            footer = {"", "Exit codes: 0 accepted, 2 usage error or not accepted (the reason is printed)."})
    static final class Publish implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "URL", arity = "0..1", description = "the gateway, http://HOST:PORT (or https://)")
        String url;

        @Option(names = "--redis", paramLabel = "URI", description = "publish on this Redis instead")
        String redis;

        @Option(names = "--channel", required = true, paramLabel = "C", description = "the channel")
        String channel;

        @Option(names = "--type", required = true, paramLabel = "T", description = "the message type, e.g. threat_alert")
        String type;

        @Option(names = "--data", required = true, paramLabel = "JSON", description = "the data object, e.g. '{\"severity\":\"high\"}'")
        String data;

        @Option(names = "--token-file", paramLabel = "F", description = "a file holding the bearer token")
        Path tokenFile;

        @Option(names = "--ca-file", paramLabel = "F", description = "PEM certificates to trust for https:// besides the system's")
        Path caFile;

        @Override
        public Integer call() throws Exception {
            if ((url == null) == (redis == null)) {
                throw new ParameterException(spec.commandLine(), "give either URL or --redis URI");
            }
            requireChannel(spec, channel);
            JsonNode node;
            try {
                node = new ObjectMapper().readTree(data);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--data is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (node == null || !node.isObject()) {
                throw new ParameterException(spec.commandLine(), "--data must be a JSON object");
            }
            FrameCodec codec = FrameCodec.create();
            String frame = codec.encode(GatewayFrame.of(type, channel, (ObjectNode) node, java.time.Instant.now(), null));
            String token = readToken(spec, tokenFile);
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (redis != null) {
                    try (RedisPublisher p = new RedisPublisher(redis)) {
                        p.publish(frame);
                        spec.commandLine().getOut().println("published on " + channel + " through Redis at " + p.where());
                    }
                } else {
                    URI base = URI.create(url);
                    if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme())) {
                        throw new ParameterException(spec.commandLine(), "URL must be http://HOST:PORT or https://HOST:PORT");
                    }
                    try (var exec = NamedThreads.virtualExecutor("gateway-publish");
                         GatewayHttp http = new GatewayHttp(base, TlsContexts.trusting(caFile), () -> token, exec)) {
                        http.publish(frame);
                    }
                    spec.commandLine().getOut().println("published on " + channel + " to " + base.getScheme() + "://"
                            + base.getHost() + ":" + base.getPort());
                }
                return 0;
            } catch (ParameterException e) {
                throw e;
            } catch (Exception e) {
                // The trace goes to the log file only (the console shows warnings): the user gets one line.
                org.slf4j.LoggerFactory.getLogger(GatewayCommand.class).info("publish failed", e);
                String why = e instanceof java.net.ConnectException
                        ? "cannot connect to " + (url != null ? url : "Redis") + " (connection refused or unreachable)"
                        : dev.bulwark.util.Errors.rootMessage(e);
                err.println("bulwark: publish failed: " + why);
                return Cli.EXIT_USAGE;
            }
        }
    }
}
