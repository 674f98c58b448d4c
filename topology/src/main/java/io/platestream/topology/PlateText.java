package io.platestream.topology;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plate text comparison that tolerates the characters an OCR model confuses.
 *
 * <h2>Confusable classes</h2>
 * Each class below is a set of characters that look alike on a plate; the first one is the class's representative,
 * used by {@link #normalise(String)}. Every character is in at most one class, so "confusable" is an equivalence
 * relation and normalisation is well defined.
 * <table>
 *   <caption>Confusable characters</caption>
 *   <tr><th>class</th><th>why</th></tr>
 *   <tr><td>0 O D Q</td><td>round glyphs; Chinese plates use neither O nor I, but a model may still emit them</td></tr>
 *   <tr><td>1 I</td><td>a vertical bar</td></tr>
 *   <tr><td>2 Z</td><td></td></tr>
 *   <tr><td>5 S</td><td></td></tr>
 *   <tr><td>6 G</td><td></td></tr>
 *   <tr><td>7 T</td><td>T is not put with 1/I so that the classes stay disjoint (1 and 7 are rarely confused)</td></tr>
 *   <tr><td>8 B</td><td></td></tr>
 *   <tr><td>皖 晥 琬</td><td>look-alike glyphs of the Anhui province character (variants a model might emit)</td></tr>
 *   <tr><td>晋 普</td><td>Shanxi and a look-alike</td></tr>
 *   <tr><td>陕 峡</td><td>Shaanxi and a look-alike</td></tr>
 *   <tr><td>鄂 粤</td><td>two province characters with a similar frame, confused on small, blurred plates</td></tr>
 *   <tr><td>浙 渐</td><td>Zhejiang and a look-alike</td></tr>
 *   <tr><td>贵 责</td><td>Guizhou and a look-alike</td></tr>
 * </table>
 * Letters that are not confused (A, 4, 3, ...) stand alone. The table is a deliberate, short choice: each extra class
 * makes two genuinely different plates more likely to be taken for one vehicle.
 *
 * <h2>Cleaning</h2>
 * Before any comparison a text is NFKC-normalised (full-width letters and digits become ASCII), upper-cased and
 * stripped of separators: white space, {@code ·}, {@code •}, {@code .}, {@code -}, {@code _}.
 *
 * <p>Stateless; all methods are static and thread safe.
 */
public final class PlateText {

    private static final List<String> CLASSES = List.of(
            "0ODQ", "1I", "2Z", "5S", "6G", "7T", "8B",
            "皖晥琬", "晋普", "陕峡", "鄂粤", "浙渐", "贵责");

    private static final Map<Integer, Integer> REPRESENTATIVE = new HashMap<>();

    static {
        for (String cls : CLASSES) {
            int[] cps = cls.codePoints().toArray();
            for (int cp : cps) {
                if (REPRESENTATIVE.put(cp, cps[0]) != null) {
                    throw new ExceptionInInitializerError("character " + Character.toString(cp) + " in two classes");
                }
            }
        }
    }

    private PlateText() {
    }

    /** NFKC, upper case, separators removed: {@code "皖A·F3425"} becomes {@code "皖AF3425"}. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(n.length());
        n.codePoints().filter(cp -> !isSeparator(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** Whether two characters are equal or in one confusable class. */
    public static boolean confusable(int a, int b) {
        return representative(a) == representative(b);
    }

    /** The representative of the character's confusable class, or the character itself. */
    public static int representative(int codePoint) {
        int up = Character.toUpperCase(codePoint);
        return REPRESENTATIVE.getOrDefault(up, up);
    }

    /**
     * The cleaned text with every character replaced by its class representative: two texts that differ only by
     * confusable characters get the same normal form ({@code 皖AD8I23} and {@code 皖A0B123} both give
     * {@code 皖A08123}). Used to key the entry/exit pairing.
     */
    public static String normalise(String text) {
        StringBuilder sb = new StringBuilder();
        clean(text).codePoints().map(PlateText::representative).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    /** The pairing key {@code site_id|normalised plate}. */
    public static String pairingKey(String siteId, String plate) {
        return siteId + "|" + normalise(plate);
    }

    /**
     * Whether a read may belong to the vehicle whose consensus text is {@code consensus}: the cleaned texts are equal,
     * or
     * <ul>
     *   <li>of equal length and differ at exactly one position, where the two characters are confusable, or are
     *       both province characters in the first position (the province is the character readers get wrong most
     *       often, and six agreeing serial characters identify the vehicle); or</li>
     *   <li>their lengths differ by one and deleting one character of the longer gives the shorter (a character
     *       dropped or invented by the reader, which is how 7- and 8-character plates get misread).</li>
     * </ul>
     * Symmetric. Two empty texts match; an empty text matches nothing else.
     */
    public static boolean sameVehicle(String read, String consensus) {
        int[] a = clean(read).codePoints().toArray();
        int[] b = clean(consensus).codePoints().toArray();
        if (a.length == b.length) {
            int diffs = 0;
            for (int i = 0; i < a.length; i++) {
                if (a[i] != b[i]) {
                    boolean provinces = i == 0 && isProvince(a[i]) && isProvince(b[i]);
                    if (++diffs > 1 || !(confusable(a[i], b[i]) || provinces)) {
                        return false;
                    }
                }
            }
            return true;
        }
        if (Math.abs(a.length - b.length) != 1 || Math.min(a.length, b.length) == 0) {
            return false;
        }
        int[] longer = a.length > b.length ? a : b;
        int[] shorter = a.length > b.length ? b : a;
        return oneDeletionApart(longer, shorter);
    }

    private static boolean isProvince(int cp) {
        return io.platestream.engine.read.PlateGrammar.PROVINCES.indexOf(cp) >= 0;
    }

    /** Whether removing exactly one element of {@code longer} (length n+1) gives {@code shorter} (length n). */
    static boolean oneDeletionApart(int[] longer, int[] shorter) {
        int i = 0;
        while (i < shorter.length && longer[i] == shorter[i]) {
            i++;
        }
        // skip longer[i]; the rest must line up shifted by one
        for (int j = i; j < shorter.length; j++) {
            if (longer[j + 1] != shorter[j]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || cp == '·' || cp == '•' || cp == '.' || cp == '-' || cp == '_' || cp == '\u30FB';
    }
}
