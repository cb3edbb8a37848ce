/**
 * VEX (Vulnerability Exploitability eXchange): reads OpenVEX and CycloneDX VEX documents, validates them against
 * their official schemas, suppresses findings whose package and vulnerability (any alias) a {@code not_affected} or
 * {@code fixed} statement names, and exports the scan's ignore decisions as an OpenVEX document. UI-free.
 */
package dev.bulwark.scan.vex;
