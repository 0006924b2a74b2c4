/**
 * The lab: {@code iolab compare} and {@code iolab bench}, in packages by job, each depending
 * only on those before it:
 * <ul>
 * <li>{@code load}: the load generator, what it speaks ({@code Exchange}: the upper echo, HTTP,
 *     WebSocket) and the placement of its threads;
 * <li>{@code peers}: what can run under measure besides iolab (Netty, nginx), and {@code Target};
 * <li>{@code measure}: one run ({@code Bench}): the server's process, its CPU, memory, system
 *     calls, the result and the medians of rounds;
 * <li>{@code scenarios}: the source documents' questions as runs, and their charts;
 * <li>{@code claims}: the verdicts on the source documents' claims;
 * <li>this package: {@code Compare}, every scenario on every target over rounds;
 * <li>{@code report} and {@code live}: the tables, charts and page of a comparison, and the
 *     page of one running; {@code soak}: the long mixed load.
 * </ul>
 */
package org.iolab.bench;
