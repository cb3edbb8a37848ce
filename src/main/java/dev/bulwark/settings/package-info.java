/** User settings: an immutable record and an atomic, corruption-tolerant JSON store. UI-free. */
package dev.bulwark.settings;
