package dev.bulwark.docker.engine;

/** Lifecycle actions on one container; {@link #REMOVE} needs confirmation in the UI. */
public enum ContainerAction {
    START, STOP, RESTART, PAUSE, UNPAUSE, REMOVE
}
