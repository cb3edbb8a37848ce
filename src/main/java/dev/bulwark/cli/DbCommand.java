package dev.bulwark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bulwark db import|update|status}: the local OSV advisory database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = "Manage the local OSV advisory database used by offline scans.",
        subcommands = {DbImportCommand.class, DbUpdateCommand.class, DbStatusCommand.class})
public final class DbCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: import, update or status");
    }
}
