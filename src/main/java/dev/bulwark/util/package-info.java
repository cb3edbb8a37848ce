/** Small UI-free helpers shared by every feature: atomic file writes, named threads, version. */
package dev.bulwark.util;
