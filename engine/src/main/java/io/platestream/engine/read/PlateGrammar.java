package io.platestream.engine.read;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The mainland plate grammar. A read either matches one of the issued formats, possibly after fixing characters
 * that a recogniser confuses and that the format makes unambiguous (a digit where the issuing-authority letter
 * belongs, the never-issued I and O in a serial), or it is flagged invalid and left as read. Stateless.
 *
 * <p>Formats: ordinary {@code 省 L SSSSS} (blue, yellow); with a final special character {@code 省 L SSSS 学|挂|警|领};
 * Hong Kong/Macau {@code 粤Z SSSS 港|澳}; new energy small {@code 省 L D|F S DDDD} and large {@code 省 L DDDDD D|F};
 * armed police {@code WJ 省 SSSSS}; embassy {@code 使 DDDDDD}. {@code L} is a letter, {@code S} a letter (no I, O)
 * or digit, {@code D} a digit.
 */
public final class PlateGrammar {
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    private static final String L = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    /** A serial character: a letter other than I and O, or a digit. */
    private static final String S = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static final String D = "0123456789";
    /** The issued formats, one string of allowed characters per position. */
    private static final List<List<String>> TEMPLATES = List.of(
            List.of(PROVINCES, L, S, S, S, S, S),
            List.of(PROVINCES, L, S, S, S, S, "学挂警领"),
            List.of("粤", "Z", S, S, S, S, "港澳"),
            List.of(PROVINCES, L, "DF", S, D, D, D, D),
            List.of(PROVINCES, L, D, D, D, D, D, "DF"),
            List.of("W", "J", PROVINCES, S, S, S, S, S),
            List.of("使", D, D, D, D, D, D));
    private static final Pattern[] FORMATS = TEMPLATES.stream()
            .map(t -> Pattern.compile(t.stream().map(chars -> "[" + chars + "]").collect(Collectors.joining())))
            .toArray(Pattern[]::new);

    /** The issued formats, for decoding constrained to them: per format, the allowed characters per position. */
    public static List<List<String>> templates() {
        return TEMPLATES;
    }

    /** Digits read where a letter must be, and the letter they are mistaken for. */
    private static final Map<Character, Character> DIGIT_TO_LETTER =
            Map.of('0', 'D', '8', 'B', '2', 'Z', '5', 'S', '6', 'G', '4', 'A', '7', 'T', '1', 'J');
    /** Letters never issued in serials, and the digit they are mistaken for. */
    private static final Map<Character, Character> LETTER_TO_DIGIT = Map.of('I', '1', 'O', '0');

    /** The outcome of a check. */
    public record Checked(String text, boolean valid, boolean corrected) {
    }

    public Checked check(String text) {
        if (matches(text)) {
            return new Checked(text, true, false);
        }
        String fixed = fix(text);
        if (!fixed.equals(text) && matches(fixed)) {
            return new Checked(fixed, true, true);
        }
        return new Checked(text, false, false);
    }

    public boolean matches(String text) {
        for (Pattern p : FORMATS) {
            if (p.matcher(text).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String fix(String text) {
        StringBuilder b = new StringBuilder(text);
        boolean wj = text.startsWith("WJ");
        int letterPos = wj ? -1 : 1;
        int serialFrom = wj ? 3 : 2;
        if (letterPos >= 0 && b.length() > letterPos) {
            Character l = DIGIT_TO_LETTER.get(b.charAt(letterPos));
            if (l != null) {
                b.setCharAt(letterPos, l);
            }
        }
        for (int i = serialFrom; i < b.length(); i++) {
            Character d = LETTER_TO_DIGIT.get(b.charAt(i));
            if (d != null) {
                b.setCharAt(i, d);
            }
        }
        return b.toString();
    }
}
