package org.emacs.hts.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.emacs.hts.Weakness;
import org.junit.jupiter.api.Test;

/**
 * What C and Java must agree on has one definition, the C headers; this
 * build-time check holds Java to them name by name, so that swapping two
 * codes, or two fields, on either side fails the build:
 * <ul>
 * <li>operation codes: enum hts__op (native/hts_dispatch.h) and Dispatch;</li>
 * <li>status codes: HTS_OK and HTS_E_* (include/hts.h) and Status;</li>
 * <li>the layout: struct hts_layout's fields in order, eight bytes each
 *     (include/hts_layout.h), and TableLayout's offsets; and each host's
 *     hash width (hts_hash_slot under HTS_HOST 28 and 30) and the
 *     policy's;</li>
 * <li>the store's figures: HTS_STATS_FIELDS (include/hts.h), the order of
 *     struct hts_stats and of the Lisp plist, and StoreStats's components,
 *     values and labels;</li>
 * <li>hts_import's flags (HTS_IMPORT_*) and Operations's;</li>
 * <li>enum hts_weakness and Weakness, by ordinal;</li>
 * <li>enum hts_test_op and TestHooks's codes;</li>
 * <li>28's free-slot hash, HTS_FREE_HASH (include/hts_layout.h), and
 *     LiveTable.FREE.</li>
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
    void operationCodesAreEnumHtsOpNameByName() throws Exception {
        List<String> names = enumNames("native/hts_dispatch.h", "hts__op", "HTS__", 0);
        assertEquals("N_OPS", names.get(names.size() - 1));
        for (int code = 0; code < names.size(); code++)
            assertEquals(code, staticInt(Dispatch.class, names.get(code)), "Dispatch." + names.get(code));
    }

    /** The names of an enum's members in a header, in order, less PREFIX; explicit values must count up from FIRST. */
    private static List<String> enumNames(String header, String name, String prefix, int first) throws IOException {
        Matcher m = Pattern.compile("enum " + name + "\\s*\\{([^}]*)\\}").matcher(read(header));
        assertFalse(!m.find(), "enum " + name + " not found in " + header);
        List<String> names = new ArrayList<>();
        String body = m.group(1).replaceAll("(?s)/\\*.*?\\*/", "");
        for (String item : body.split(",")) {
            if (item.isBlank()) continue;
            String[] parts = item.trim().split("\\s*=\\s*");
            if (parts.length > 1)
                assertEquals(first + names.size(), Integer.parseInt(parts[1]), name + " counts up from " + first);
            names.add(parts[0].replaceFirst("^" + prefix, ""));
        }
        return names;
    }

    @Test
    void importFlagsAreHtsHsDefines() throws Exception {
        Matcher m = Pattern.compile("#define HTS_IMPORT_(\\w+)\\s+(\\d+)").matcher(read("include/hts.h"));
        Map<String, Integer> flags = new LinkedHashMap<>();
        while (m.find()) flags.put(m.group(1), Integer.parseInt(m.group(2)));
        assertEquals(List.of("PURE", "DUMPED"), new ArrayList<>(flags.keySet()));
        for (Map.Entry<String, Integer> e : flags.entrySet())
            assertEquals(e.getValue().intValue(), staticInt(Operations.class, "IMPORT_" + e.getKey()),
                         "Operations.IMPORT_" + e.getKey());
    }

    @Test
    void weaknessesAreEnumHtsWeaknessByOrdinal() throws Exception {
        List<String> names = enumNames("include/hts.h", "hts_weakness", "HTS_WEAK_", 0);
        List<String> java = new ArrayList<>();
        for (Weakness w : Weakness.values()) java.add(w.name());
        assertEquals(names, java);
        for (int i = 0; i < names.size(); i++) assertEquals(names.get(i), Weakness.of(i).name());
        assertThrows(IllegalArgumentException.class, () -> Weakness.of(names.size()));
        assertThrows(IllegalArgumentException.class, () -> Weakness.of(-1));
    }

    @Test
    void testHookCodesAreEnumHtsTestOp() throws Exception {
        List<String> names = enumNames("include/hts.h", "hts_test_op", "HTS_TEST_", 1);
        assertFalse(names.isEmpty());
        for (int i = 0; i < names.size(); i++)
            assertEquals(1 + i, staticInt(TestHooks.class, names.get(i)), "TestHooks." + names.get(i));
    }

    @Test
    void aFreeSlotsHashIsHtsFreeHash() throws Exception {
        Matcher m = Pattern.compile("#define HTS_FREE_HASH \\((-?\\d+)\\)").matcher(read("include/hts_layout.h"));
        assertFalse(!m.find(), "HTS_FREE_HASH not found");
        Field free = Class.forName("org.emacs.hts.LiveTable").getDeclaredField("FREE");
        free.setAccessible(true);
        assertEquals(Long.parseLong(m.group(1)), free.getLong(null));
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
        String comment = "(?:/\\*(?:(?!\\*/).)*\\*/\\s*)?";   // one comment, not a run of them
        String typedef = "HTS_HOST == (\\d+)\\s*\\n" + comment + "typedef (u?int(\\d+)_t) hts_hash_slot;";
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
