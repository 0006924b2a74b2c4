package org.iolab.contract;

import java.io.PrintStream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Names the engine of each failed contract case on the console. Surefire's summary names a
 * parameterized case by its index ({@code pendingOutput…(String)[7]}), which hides the engine
 * that failed; this prints the display path instead ({@code EchoContractTest > pendingOutput…
 * > epoll}) with the failure's message. The XML reports use display names too (see the pom).
 * Registered in {@code META-INF/services}.
 */
public final class EngineCaseReport implements TestExecutionListener {

    private final PrintStream out = System.err;
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL || plan == null) {
            return;
        }
        StringBuilder path = new StringBuilder(id.getDisplayName());
        for (var p = plan.getParent(id); p.isPresent() && p.get().getParentId().isPresent(); p = plan.getParent(p.get())) {
            path.insert(0, p.get().getDisplayName() + " > "); // up to, not including, the JUnit engine
        }
        String why = result.getThrowable()
                .map(t -> String.valueOf(t.getMessage()).strip().replaceAll("\\s+", " ")).orElse("");
        if (why.length() > 240) {
            why = why.substring(0, 240) + "...";
        }
        out.println("iolab-testkit: " + result.getStatus() + " " + path + ": " + why);
    }
}
