package org.iolab.engine.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts another JVM like this one: the same {@code java}, the same module
 * path (iolab's core and native code are named modules when the launcher runs them) and class
 * path, native access for iolab's native module; then the main class to run. The lab's servers
 * and the processes engine's workers start this way.
 *
 * <p>Thread rule: stateless.
 */
public final class ThisJvm {

    /** iolab's modules that make native calls (the kernel's, OpenSSL's), granted as the ./iolab script grants them. */
    static final String NATIVE_MODULES = "org.iolab.nativeio,org.iolab.openssl";

    private ThisJvm() {
    }

    /**
     * {@code java [--module-path ... --add-modules ALL-MODULE-PATH] --enable-native-access=...
     * JVM_OPTIONS -cp CLASSPATH}, to which the caller adds a main class and its arguments.
     *
     * @param nativeFromClassPath grant native access to the class path (a peer that loads JNI
     *     libraries), not only to iolab's native module
     */
    public static List<String> command(boolean nativeFromClassPath, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String modules = System.getProperty("jdk.module.path");
        boolean onModulePath = modules != null && !modules.isEmpty();
        if (onModulePath) {
            cmd.addAll(List.of("--module-path", modules, "--add-modules", "ALL-MODULE-PATH"));
        }
        cmd.add(nativeFromClassPath || !onModulePath ? "--enable-native-access=ALL-UNNAMED"
                : "--enable-native-access=" + NATIVE_MODULES);
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return cmd;
    }
}
