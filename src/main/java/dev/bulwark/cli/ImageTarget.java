package dev.bulwark.cli;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanner;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The image a {@code scan} was asked for: by reference on an engine, an archive file, or a root file system. */
record ImageTarget(String image, Path archive, Path rootfs) {
    private static final Logger LOG = LoggerFactory.getLogger(ImageTarget.class);

    /** The image target of the options, null for a manifest scan; a usage error when the choice is ambiguous. */
    static ImageTarget of(CommandSpec spec, List<Path> paths, String image, Path archive, Path rootfs) {
        int chosen = (paths == null || paths.isEmpty() ? 0 : 1) + (image == null ? 0 : 1) + (archive == null ? 0 : 1)
                + (rootfs == null ? 0 : 1);
        if (chosen != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), chosen == 0
                    ? "Give PATH..., --image REF, --image-archive FILE or --rootfs DIR"
                    : "Give only one of PATH..., --image, --image-archive, --rootfs");
        }
        if (archive != null && !Files.isRegularFile(archive)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such image archive: " + archive);
        }
        if (rootfs != null && !Files.isDirectory(rootfs)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such folder: " + rootfs);
        }
        return image == null && archive == null && rootfs == null ? null : new ImageTarget(image, archive, rootfs);
    }

    /** Reads the image; empty (after a one-line message) when it cannot be read at all. */
    Optional<ImageInventory> inventory(EngineOptions engines, PrintWriter err) {
        ImageScanner scanner = new ImageScanner();
        try {
            if (archive != null) {
                return Optional.of(scanner.scanArchive(archive));
            }
            if (rootfs != null) {
                return Optional.of(scanner.scanRootfs(rootfs));
            }
            return fromEngines(scanner, engines, err);
        } catch (IOException | RuntimeException e) {
            LOG.warn("image scan failed", e);
            err.println("bulwark: cannot read " + describe() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ImageInventory> fromEngines(ImageScanner scanner, EngineOptions options, PrintWriter err)
            throws IOException {
        List<DockerEngine> engines = options.open();
        List<String> failures = new ArrayList<>();
        try {
            for (DockerEngine engine : engines) {
                InputStream in;
                try {
                    in = engine.saveImage(image);
                } catch (DockerEngineException e) {
                    LOG.info("image {} not exported by {}", image, engine.spec().name(), e);
                    failures.add(e.getMessage());
                    continue;
                }
                try (in) {
                    return Optional.of(scanner.scanArchive(in, image + " (" + engine.spec().name() + ")", image));
                }
            }
        } finally {
            EngineOptions.closeAll(engines);
        }
        err.println("bulwark: cannot export image " + image + ": " + String.join("; ", failures));
        return Optional.empty();
    }

    private String describe() {
        return image != null ? "image " + image : archive != null ? "image archive " + archive : "root file system " + rootfs;
    }
}
