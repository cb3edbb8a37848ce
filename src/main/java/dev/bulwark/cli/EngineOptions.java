package dev.bulwark.cli;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.EngineFactory;
import dev.bulwark.docker.engine.EngineSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Engine selection shared by the {@code containers} commands. */
final class EngineOptions {

    @Option(names = "--engine", paramLabel = "URI",
            description = "Engine to query (unix://, npipe://, tcp://); repeatable. Default: DOCKER_HOST or the platform socket.")
    List<URI> engines = new ArrayList<>();

    @Option(names = "--tls-dir", paramLabel = "DIR",
            description = "Directory with ca.pem/cert.pem/key.pem for tcp engines (TLS client certificates).")
    java.nio.file.Path tlsDir;

    @Option(names = "--allow-insecure-tcp", description = "Allow plain tcp to a non-loopback engine (unsafe).")
    boolean allowInsecureTcp;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The chosen engine specs, validated; a refused or malformed one is a usage error naming it. */
    List<EngineSpec> specs() {
        try {
            return validatedSpecs();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--engine: " + e.getMessage(), e);
        }
    }

    private List<EngineSpec> validatedSpecs() {
        if (engines.isEmpty()) {
            return List.of(EngineSpec.fromEnvironment(System.getenv(), System.getProperty("os.name", "")).validate());
        }
        List<EngineSpec> out = new ArrayList<>();
        for (URI uri : engines) {
            boolean tcp = "tcp".equals(uri.getScheme());
            out.add(new EngineSpec(uri.toString(), uri, tcp ? tlsDir : null, allowInsecureTcp).validate());
        }
        return out;
    }

    /** Opens every engine; the caller closes them. */
    List<DockerEngine> open() {
        EngineFactory factory = EngineFactory.dockerJava();
        return specs().stream().map(factory::open).toList();
    }

    static void closeAll(List<DockerEngine> engines) {
        for (DockerEngine e : engines) {
            e.close();
        }
    }
}
