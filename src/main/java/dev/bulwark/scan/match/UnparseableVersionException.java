package dev.bulwark.scan.match;

import dev.bulwark.scan.model.Ecosystem;

/** A version string the ecosystem's ordering rules cannot read. */
public final class UnparseableVersionException extends Exception {
    public UnparseableVersionException(Ecosystem ecosystem, String version, String why) {
        super("cannot order " + ecosystem + " version \"" + version + "\": " + why);
    }
}
