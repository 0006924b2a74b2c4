/**
 * The source documents' questions as runs: each {@link org.iolab.bench.scenarios.Scenario}
 * (listed once in {@link org.iolab.bench.scenarios.Scenarios}) runs itself against its targets,
 * sums itself up in a line and draws its chart ({@link org.iolab.bench.scenarios.Charts}).
 */
package org.iolab.bench.scenarios;
