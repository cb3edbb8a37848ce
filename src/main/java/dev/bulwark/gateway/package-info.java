/** The gateway core. UI-free: no {@code javafx.*}, no dependency on {@code ui} or {@code app}. */
package dev.bulwark.gateway;
