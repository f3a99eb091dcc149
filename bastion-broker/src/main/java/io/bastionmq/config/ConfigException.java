package io.bastionmq.config;

import org.jspecify.annotations.Nullable;

/**
 * An invalid configuration: where (file and key path), what is wrong, and how to fix it.
 *
 * <p>The message reads like a compiler diagnostic, so editors and {@code grep} can follow it:
 * <pre>
 * /etc/bastion/bastion.yaml: listeners[1].port: 70000 is out of range 0..65535
 *   hint: use a port from 0 to 65535
 * </pre>
 * Records throw it with a key path relative to themselves ({@code port}); the loader, which knows
 * where the record sits in the file, prefixes the path ({@link #under}) and adds the file
 * ({@link #in}).
 */
public final class ConfigException extends RuntimeException {
    /** Key path used for problems with the file as a whole (unreadable, not YAML). */
    public static final String WHOLE_FILE = "(file)";

    private final @Nullable String source;
    private final String keyPath;
    private final String problem;
    private final String hint;

    public ConfigException(String keyPath, String problem, String hint) {
        this(null, keyPath, problem, hint, null);
    }

    ConfigException(@Nullable String source, String keyPath, String problem, String hint, @Nullable Throwable cause) {
        super(format(source, keyPath, problem, hint), cause, false, false);
        this.source = source;
        this.keyPath = keyPath;
        this.problem = problem;
        this.hint = hint;
    }

    /** The file (or other origin, such as the command line) the configuration came from, if known. */
    public @Nullable String source() {
        return source;
    }

    /** Where in the configuration, for example {@code listeners[1].port} or {@code mqtt.maximum_qos}. */
    public String keyPath() {
        return keyPath;
    }

    public String problem() {
        return problem;
    }

    public String hint() {
        return hint;
    }

    /** The same error, one level deeper: {@code under("listeners[1]")} turns {@code port} into {@code listeners[1].port}. */
    public ConfigException under(String parent) {
        String path = keyPath.startsWith("[") ? parent + keyPath : parent + "." + keyPath;
        return new ConfigException(source, path, problem, hint, getCause());
    }

    /** The same error, attributed to a file or another origin. */
    public ConfigException in(String origin) {
        return new ConfigException(origin, keyPath, problem, hint, getCause());
    }

    private static String format(@Nullable String source, String keyPath, String problem, String hint) {
        String where = source == null ? keyPath : source + ": " + keyPath;
        return where + ": " + problem + "\n  hint: " + hint;
    }
}
