package io.bastionmq.security.authz;

/**
 * Set relations between topic filters, on their levels (MQTT5 4.7). A filter stands for the set
 * of topic names it matches; authorization needs two relations on those sets:
 *
 * <ul>
 *   <li>{@link #contains}: every topic {@code f} matches, {@code a} matches too ({@code a/+/c} ⊆
 *       {@code a/#}). A subscription is allowed only when an allow rule contains it.
 *   <li>{@link #overlaps}: some topic matches both. A deny rule that overlaps a requested
 *       filter makes the whole subscription refused.
 * </ul>
 *
 * <p>Both follow MQTT-4.7.2-1: a filter that starts with a wildcard matches no topic starting
 * with {@code $}, so {@code #} neither contains nor overlaps {@code $SYS/#}. These are not string
 * prefixes: {@code devices/+/x} is not inside {@code devices/dev1/#}.
 */
final class FilterContainment {
    private FilterContainment() {}

    static boolean contains(String[] a, String[] f) {
        if (dollar(f) && wildcardFirst(a)) {
            return false; // f's topics start with '$'; a leading wildcard matches none of them
        }
        return contains(a, 0, f, 0);
    }

    private static boolean contains(String[] a, int i, String[] f, int j) {
        while (true) {
            if (i < a.length && a[i].equals("#")) {
                return true; // the rest, any number of levels, including none ("x/#" matches "x")
            }
            if (j == f.length) {
                return i == a.length;
            }
            if (f[j].equals("#") || i == a.length) {
                return false; // f goes on to any depth (or deeper than a), which only '#' covers
            }
            if (f[j].equals("+") ? !a[i].equals("+") : !(a[i].equals("+") || a[i].equals(f[j]))) {
                return false;
            }
            i++;
            j++;
        }
    }

    static boolean overlaps(String[] a, String[] f) {
        if ((dollar(f) && wildcardFirst(a)) || (dollar(a) && wildcardFirst(f))) {
            return false;
        }
        int i = 0;
        int j = 0;
        while (true) {
            if ((i < a.length && a[i].equals("#")) || (j < f.length && f[j].equals("#"))) {
                return true;
            }
            if (i == a.length || j == f.length) {
                return i == a.length && j == f.length;
            }
            if (!a[i].equals("+") && !f[j].equals("+") && !a[i].equals(f[j])) {
                return false;
            }
            i++;
            j++;
        }
    }

    private static boolean dollar(String[] f) {
        return f[0].startsWith("$");
    }

    private static boolean wildcardFirst(String[] f) {
        return f[0].equals("+") || f[0].equals("#");
    }

    static String[] levels(String filter) {
        return filter.split("/", -1);
    }
}
