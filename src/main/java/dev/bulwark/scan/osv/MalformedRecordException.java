package dev.bulwark.scan.osv;

/** An OSV record that is JSON but not a usable record (missing id, wrong types...). */
public final class MalformedRecordException extends Exception {
    public MalformedRecordException(String message) {
        super(message);
    }
}
