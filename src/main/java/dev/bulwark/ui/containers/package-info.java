/**
 * The Containers view: a live table of containers across Docker engines, cluster gauges and charts, a
 * detail pane (charts, health log, logs, inspect, actions) and the alert list. {@code *ViewModel} classes
 * hold state as JavaFX properties and never touch nodes; {@code *View}/{@code *Pane} classes build nodes.
 */
package dev.bulwark.ui.containers;
