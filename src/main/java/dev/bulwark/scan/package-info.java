/**
 * The vulnerability scanner core: manifest parsers, the offline OSV store and matcher, backends,
 * de-duplication, severity and reports. UI-free: no {@code javafx.*}.
 */
package dev.bulwark.scan;
