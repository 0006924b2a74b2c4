package org.iolab.engine.support;

/**
 * What a blocked loop's stack says, for its warning: the connection handler the loop is in (the
 * frame the callback guard called: {@code dataReceived} of the application's {@code Protocol},
 * or a task it handed the connection) and the application's innermost frame (where it waits or
 * computes, below the JDK's own).
 *
 * <p>Thread rule: stateless.
 */
final class BlockedStack {

    private static final String GUARD = "org.iolab.engine.support.CallbackGuard";

    private BlockedStack() {
    }

    /** {@code "in Handler.dataReceived, at App.lambda$0(App.java:42)"}, or where the loop is when in no handler. */
    static String describe(StackTraceElement[] stack) {
        int guard = -1;
        for (int i = stack.length - 1; i >= 0; i--) { // the outermost guard frame: the callback's entry
            if (stack[i].getClassName().equals(GUARD)) {
                guard = i;
                break;
            }
        }
        if (guard <= 0) {
            return stack.length == 0 ? "(no stack)" : "at " + stack[0] + " (not in a connection's handler)";
        }
        StackTraceElement handler = stack[guard - 1];
        StackTraceElement app = null;
        for (int i = 0; i < guard; i++) { // innermost first: the first frame that is not the JDK's
            String c = stack[i].getClassName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                app = stack[i];
                break;
            }
        }
        return "in " + handler.getClassName() + "." + handler.getMethodName()
                + (app == null || app == handler ? "" : ", at " + app);
    }

    /** A throwable that carries {@code t}'s stack, for the log line's trace. */
    static Throwable of(Thread t, StackTraceElement[] stack) {
        Throwable s = new Throwable("the stack of " + t.getName() + " while blocked") {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        s.setStackTrace(stack);
        return s;
    }
}
