/** Headless picocli commands; each delegates to a UI-free core package. */
package dev.bulwark.cli;
