package dev.bulwark.scan.osv;

/** A dump that is refused as a whole: entries escaping the folder, zip bombs, non-JSON entries. */
public final class DumpRefusedException extends Exception {
    public DumpRefusedException(String message) {
        super(message);
    }
}
