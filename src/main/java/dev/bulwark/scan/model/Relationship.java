package dev.bulwark.scan.model;

/** Whether a package is a direct dependency of the project, when the manifest format tells. */
public enum Relationship {
    DIRECT, TRANSITIVE, UNKNOWN
}
