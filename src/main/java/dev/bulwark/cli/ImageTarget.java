package dev.bulwark.cli;

import dev.bulwark.docker.engine.DockerEngine;
import dev.bulwark.docker.engine.DockerEngineException;
import dev.bulwark.scan.image.ImageExporter;
import dev.bulwark.scan.image.ImageInventory;
import dev.bulwark.scan.image.ImageScanner;
import dev.bulwark.scan.image.ImageSource;
import dev.bulwark.util.LazyLogger;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/** The image a {@code scan} was asked for: by reference on an engine, an archive file, or a root file system. */
record ImageTarget(String image, Path archive, Path rootfs) {
    private static final Logger LOG = LazyLogger.of(ImageTarget.class);

    /** The image target of the options, null for a manifest scan; a usage error when the choice is ambiguous. */
    static ImageTarget of(CommandSpec spec, List<Path> paths, String image, Path archive, Path rootfs) {
        int chosen = (paths == null || paths.isEmpty() ? 0 : 1) + (image == null ? 0 : 1) + (archive == null ? 0 : 1)
                + (rootfs == null ? 0 : 1);
        if (chosen != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), chosen == 0
                    ? "Give PATH..., --image REF, --image-archive FILE or --rootfs DIR"
                    : "Give only one of PATH..., --image, --image-archive, --rootfs");
        }
        if (archive != null && !Files.isRegularFile(archive) && !Files.isDirectory(archive)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such image archive: " + archive);
        }
        if (rootfs != null && !Files.isDirectory(rootfs)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No such folder: " + rootfs);
        }
        return image == null && archive == null && rootfs == null ? null : new ImageTarget(image, archive, rootfs);
    }

    /** Reads the image; empty (after a one-line message) when it cannot be read at all. */
    Optional<ImageInventory> inventory(EngineOptions engines, PrintWriter err) {
        ImageSource source = image != null ? new ImageSource(ImageSource.Kind.IMAGE, image)
                : archive != null ? new ImageSource(ImageSource.Kind.ARCHIVE, archive.toString())
                : new ImageSource(ImageSource.Kind.ROOTFS, rootfs.toString());
        List<DockerEngine> opened = image != null ? engines.open() : List.of();
        try {
            return Optional.of(source.read(new ImageScanner(), exporter(opened), ImageScanner.Progress.NONE));
        } catch (IOException | RuntimeException e) {
            LOG.warn("image scan failed", e);
            err.println("bulwark: cannot read " + source.describe() + ": " + e.getMessage());
            return Optional.empty();
        } finally {
            EngineOptions.closeAll(opened);
        }
    }

    /** The engines of the options as the core's port. */
    static ImageExporter exporter(List<DockerEngine> engines) {
        return new ImageExporter() {
            @Override
            public List<String> engines() {
                return engines.stream().map(e -> e.spec().name()).toList();
            }

            @Override
            public InputStream save(String engine, String reference) {
                return find(engine).saveImage(reference);
            }

            @Override
            public int layerCount(String engine, String reference) {
                return find(engine).imageLayerCount(reference);
            }

            private DockerEngine find(String name) {
                return engines.stream().filter(e -> e.spec().name().equals(name)).findFirst()
                        .orElseThrow(() -> new DockerEngineException("no engine named " + name));
            }
        };
    }

}
