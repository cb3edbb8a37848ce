/** Small UI-free helpers shared by every feature: atomic file writes, named threads, error messages, version. */
package dev.bulwark.util;
