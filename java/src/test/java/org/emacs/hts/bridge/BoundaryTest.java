package org.emacs.hts.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.emacs.hts.Emacs28;
import org.emacs.hts.Emacs30;
import org.emacs.hts.HostPolicy;
import org.emacs.hts.StoreStats;
import org.junit.jupiter.api.Test;

/**
 * What C and Java must agree on has one definition, the C headers; this
 * build-time check holds Java to them name by name, so that swapping two
 * codes, or two fields, on either side fails the build:
 * <ul>
 * <li>operation codes: enum hts__op (native/hts_entries.h) and Dispatch;</li>
 * <li>status codes: HTS_OK and HTS_E_* (include/hts.h) and Status;</li>
 * <li>the layout: struct hts_layout's fields in order, eight bytes each
 *     (include/hts_layout.h), and TableLayout's offsets; and each host's
 *     hash width (hts_hash_slot under HTS_HOST 28 and 30) and the
 *     policy's;</li>
 * <li>the store's figures: HTS_STATS_FIELDS (include/hts.h), the order of
 *     struct hts_stats and of the Lisp plist, and StoreStats's components,
 *     values and labels.</li>
 * </ul>
 */
class BoundaryTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", "."));

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    private static int staticInt(Class<?> c, String name) throws ReflectiveOperationException {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.getInt(null);
    }

    @Test
    void operationCodesAreHtsEntriesHsEnumNameByName() throws Exception {
        String h = read("native/hts_entries.h");
        Matcher m = Pattern.compile("enum hts__op\\s*\\{([^}]*)\\}").matcher(h);
        assertFalse(!m.find(), "enum hts__op not found");
        List<String> names = new ArrayList<>();
        for (String item : m.group(1).split(","))
            if (!item.isBlank()) names.add(item.trim().replaceFirst("^HTS__", ""));
        assertEquals("N_OPS", names.get(names.size() - 1));
        for (int code = 0; code < names.size(); code++)
            assertEquals(code, staticInt(Dispatch.class, names.get(code)), "Dispatch." + names.get(code));
    }

    @Test
    void statusCodesAreHtsHsDefines() throws Exception {
        Matcher m = Pattern.compile("#define HTS_(OK|E_[A-Z_]+)\\s+\\(?(-?\\d+)\\)?").matcher(read("include/hts.h"));
        Map<String, Integer> codes = new LinkedHashMap<>();
        while (m.find()) codes.put(m.group(1).replaceFirst("^E_", ""), Integer.parseInt(m.group(2)));
        assertEquals(List.of("OK", "ARG", "TOO_LARGE", "MEMORY", "JVM", "INTERNAL"),
                     new ArrayList<>(codes.keySet()));
        for (Map.Entry<String, Integer> e : codes.entrySet())
            if (!e.getKey().equals("JVM"))   // only C says the JVM is missing
                assertEquals(e.getValue().intValue(), staticInt(Status.class, e.getKey()), "Status." + e.getKey());
    }

    @Test
    void tableLayoutOffsetsAreStructHtsLayoutsFields() throws Exception {
        Matcher m = Pattern.compile("struct hts_layout\\s*\\{(.*?)\\};", Pattern.DOTALL)
            .matcher(read("include/hts_layout.h"));
        assertFalse(!m.find(), "struct hts_layout not found");
        String body = m.group(1).replaceAll("(?s)/\\*.*?\\*/", "");
        Matcher field = Pattern.compile("(\\w+)\\s*;").matcher(body);
        Class<?> layout = Class.forName("org.emacs.hts.TableLayout");
        int offset = 0;
        while (field.find()) {
            String name = field.group(1).toUpperCase();
            assertEquals(offset, staticInt(layout, name), "TableLayout." + name);
            offset += 8;   // every field is a 64-bit word or a pointer
        }
        assertEquals(offset, staticInt(layout, "HEADER_BYTES"), "TableLayout.HEADER_BYTES");
    }

    @Test
    void eachHostsHashWidthIsItsPolicys() throws Exception {
        String typedef = "HTS_HOST == (\\d+)\\s*\\n(?:/\\*.*?\\*/\\s*)?typedef (u?int(\\d+)_t) hts_hash_slot;";
        Matcher m = Pattern.compile(typedef, Pattern.DOTALL).matcher(read("include/hts_layout.h"));
        Map<Integer, Integer> bits = new LinkedHashMap<>();
        while (m.find()) bits.put(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)));
        assertEquals(List.of(28, 30), new ArrayList<>(bits.keySet()), "hts_hash_slot for each host");
        Method hashBytes = HostPolicy.class.getDeclaredMethod("hashBytes");
        hashBytes.setAccessible(true);
        for (HostPolicy host : new HostPolicy[] {new Emacs28(7), new Emacs30(7)}) {
            assertEquals(bits.get(host.version()) / 8, (int) hashBytes.invoke(host), host + "'s hash width");
        }
    }

    @Test
    void storeStatsAreHtsStatsFieldsInOrderWithTheirLabels() throws Exception {
        Matcher m = Pattern.compile("F \\((\\w+), \"([a-z-]+)\"\\)").matcher(read("include/hts.h"));
        List<String> fields = new ArrayList<>(), labels = new ArrayList<>();
        while (m.find()) {
            fields.add(m.group(1));
            labels.add(m.group(2));
        }
        assertFalse(fields.isEmpty(), "HTS_STATS_FIELDS not found");
        List<String> components = new ArrayList<>();
        for (RecordComponent c : StoreStats.class.getRecordComponents())
            components.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
        assertEquals(fields, components, "StoreStats's components, as C names");
        assertEquals(labels, StoreStats.LABELS);
        // values() is what C reads as the struct: each component in its place.
        long[] distinct = new long[fields.size()];
        for (int i = 0; i < distinct.length; i++) distinct[i] = 100 + i;
        Object[] args = new Object[distinct.length];
        for (int i = 0; i < args.length; i++) args[i] = distinct[i];
        StoreStats s = (StoreStats) StoreStats.class.getDeclaredConstructors()[0].newInstance(args);
        assertArrayEquals(distinct, s.values());
        assertEquals("live-tables 100, live-entries 101", s.toString().substring(0, 33));
    }
}
