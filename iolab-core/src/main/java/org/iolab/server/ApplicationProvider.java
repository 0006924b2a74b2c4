package org.iolab.server;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Makes applications from their recipes ({@link Application#recipe()}), so that another process
 * can serve the same application: the processes engine's workers make theirs this way. Found
 * with {@link ServiceLoader} (iolab's apps register one).
 *
 * <p>Thread rule: a provider is called from any thread; each call makes a fresh application.
 */
public interface ApplicationProvider {

    /** The application {@code recipe} names, or empty when this provider does not know it. */
    Optional<Application> make(String recipe);

    /**
     * The application {@code recipe} names, from the first provider that knows it.
     *
     * @throws IllegalArgumentException when none does
     */
    static Application find(String recipe) {
        for (ApplicationProvider p : ServiceLoader.load(ApplicationProvider.class)) {
            Optional<Application> app = p.make(recipe);
            if (app.isPresent()) {
                return app.get();
            }
        }
        throw new IllegalArgumentException("no application provider knows '" + recipe + "'");
    }
}
