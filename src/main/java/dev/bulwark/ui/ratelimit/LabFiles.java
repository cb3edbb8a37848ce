package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.sim.ResultWriter;
import dev.bulwark.ratelimit.sim.ScenarioException;
import dev.bulwark.ratelimit.sim.ScenarioLoader;
import dev.bulwark.ratelimit.sim.SimulationResult;
import dev.bulwark.ui.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

/**
 * The lab's file actions: load a scenario into the form, save the form, export a run's results. The I/O runs
 * through the {@link TaskRunner}; the outcome goes to the lab's status line and problems list. Part of
 * {@link RateLimiterViewModel}, which delegates; FX thread.
 */
final class LabFiles {
    private final TaskRunner tasks;
    private final ScenarioLoader loader;
    private final ScenarioForm form;
    private final ObjectProperty<Path> scenarioFile;
    private final StringProperty status;
    private final ObservableList<String> problems;
    private final ScenarioFiles files = new ScenarioFiles();
    private final ResultExport exporter = new ResultExport();

    /** @param scenarioFile the file the form was last loaded from or saved to (set here) */
    LabFiles(TaskRunner tasks, ScenarioLoader loader, ScenarioForm form, ObjectProperty<Path> scenarioFile,
             StringProperty status, ObservableList<String> problems) {
        this.tasks = tasks;
        this.loader = loader;
        this.form = form;
        this.scenarioFile = scenarioFile;
        this.status = status;
        this.problems = problems;
    }

    /** Loads a scenario file into the form (its problems, if any, go to the problems list). */
    CompletableFuture<ScenarioLoader.Loaded> load(Path file) {
        return tasks.run("ratelimit-load", () -> loader.load(file), loaded -> {
            form.fill(loaded.scenario());
            scenarioFile.set(file);
            problems.setAll(loaded.warnings());
            status.set("Loaded " + file.getFileName() + (loaded.warnings().isEmpty() ? "."
                    : " with " + loaded.warnings().size() + " warning(s); skipped parts are listed below."));
        }, failure -> {
            problems.setAll(failure instanceof ScenarioException se ? se.problems()
                    : List.of(file + ": " + failure.getMessage()));
            status.set("Could not load " + file.getFileName() + "; the form is unchanged.");
        });
    }

    /** Saves the form as a scenario file (YAML or JSON by extension), atomically; false if the form is invalid. */
    boolean save(Path file) {
        Optional<ScenarioForm.Built> built = form.build(loader, file.toAbsolutePath().getParent());
        if (built.isEmpty()) {
            problems.setAll(form.errors());
            status.set("Not saved: fix the marked fields first.");
            return false;
        }
        tasks.run("ratelimit-save", () -> {
            files.save(built.get().document(), file);
            return file;
        }, f -> {
            scenarioFile.set(f);
            status.set("Saved " + f + ".");
        }, failure -> {
            status.set("Could not save " + file + ": " + failure.getMessage());
            problems.setAll(status.get());
        });
        return true;
    }

    /** Exports {@code r}, the last run's totals and series; false when there is none (null). */
    boolean export(SimulationResult r, Path file, ResultWriter.Format format) {
        if (r == null) {
            status.set("Nothing to export yet: run a scenario to completion first.");
            return false;
        }
        tasks.run("ratelimit-export", () -> exporter.export(r, file, format),
                written -> status.set("Exported " + written.stream().map(Path::toString)
                        .collect(Collectors.joining(" and ")) + "."),
                failure -> {
                    status.set("Could not export to " + file + ": " + failure.getMessage());
                    problems.setAll(status.get());
                });
        return true;
    }
}
