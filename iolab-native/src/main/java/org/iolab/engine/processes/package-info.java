/**
 * The {@code processes} engine: a supervisor ({@link org.iolab.engine.processes.Supervisor})
 * that holds the port, starts worker JVMs ({@link org.iolab.engine.processes.Worker}, each
 * serving the application made again from its recipe with an inner engine) and keeps them
 * alive; one control socket per worker ({@link org.iolab.engine.processes.ControlLink}) carries
 * the listening socket ({@code SCM_RIGHTS}), the worker's orders and its counters, and its end
 * of stream tells a worker that its supervisor is gone. {@link org.iolab.engine.processes.Scaler}
 * grows and trims the workers for {@code --max-workers}.
 */
package org.iolab.engine.processes;
