/**
 * The admin page of a running server ({@code iolab serve --admin HOST:PORT}): {@code /stats},
 * {@code /metrics} in the Prometheus text format (the Prometheus Java client's writer), and a
 * live dashboard (uPlot charts from the jar, fed by server-sent events), all on iolab's own
 * {@code http} machinery.
 */
package org.iolab.admin;
