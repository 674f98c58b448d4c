package io.platestream.engine.read;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CTC decoding constrained to plate templates: for each template (one set of allowed characters per position) the
 * single most probable CTC path that spells a string of that template, and the best of those over all templates.
 * Used when the greedy read breaks the plate grammar: a dropped or invented character, or a letter where only a
 * digit can be, is then replaced by the most probable string the plate could actually carry.
 *
 * <p>Viterbi over the usual CTC states (blank before/after each character, the character itself), with the character
 * state split by which character of its position's set is emitted, so that a repeat of one character needs a blank in
 * between exactly as in CTC. A character's confidence is the highest probability it reached over the columns that
 * emitted it on the best path, as in {@link CtcDecoder}: a character the template forced where the model saw
 * something else gets a low confidence, so the overall confidence stays honest.
 *
 * <p>Cost: steps x template length x alphabet per template (about 20 thousand operations for a 32-column plate).
 * Stateless and thread safe.
 */
public final class TemplateCtcDecoder {
    private static final double NONE = Double.NEGATIVE_INFINITY;

    private final int[] alphabet;
    /** Per template, per position: the allowed output classes (1-based; 0 is the blank). */
    private final List<int[][]> templates;

    /**
     * @param alphabet  code points; output class {@code k > 0} is {@code alphabet[k - 1]}
     * @param templates each a list of positions, each position the string of characters allowed there; characters
     *                  missing from the alphabet are ignored
     */
    public TemplateCtcDecoder(int[] alphabet, List<List<String>> templates) {
        this.alphabet = alphabet.clone();
        this.templates = new ArrayList<>();
        for (List<String> template : templates) {
            int[][] positions = new int[template.size()][];
            for (int k = 0; k < positions.length; k++) {
                positions[k] = template.get(k).codePoints().map(this::classOf).filter(c -> c > 0).distinct().toArray();
                if (positions[k].length == 0) {
                    throw new IllegalArgumentException("no character of '" + template.get(k) + "' is in the alphabet");
                }
            }
            this.templates.add(positions);
        }
    }

    private int classOf(int codePoint) {
        for (int i = 0; i < alphabet.length; i++) {
            if (alphabet[i] == codePoint) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The best read that fits a template, with its path log-probability. */
    public record Constrained(String text, List<Double> confidences, double logProbability) {
        public Constrained {
            confidences = List.copyOf(confidences);
        }
    }

    /**
     * @param probs   softmax outputs, {@code steps x classes}, row-major from {@code offset}
     * @param steps   number of columns
     * @param classes number of classes including the blank
     * @return the most probable template-conforming path, or {@code null} when no template fits in {@code steps}
     *         columns
     */
    public Constrained decode(float[] probs, int offset, int steps, int classes) {
        if (classes != alphabet.length + 1) {
            throw new IllegalArgumentException("model has " + classes + " classes, alphabet " + (alphabet.length + 1));
        }
        double[] logp = new double[steps * classes];
        for (int i = 0; i < logp.length; i++) {
            logp[i] = Math.log(Math.max(probs[offset + i], 1e-12f));
        }
        Constrained best = null;
        for (int[][] template : templates) {
            Constrained c = decode(template, logp, probs, offset, steps, classes);
            if (c != null && (best == null || c.logProbability() > best.logProbability())) {
                best = c;
            }
        }
        return best;
    }

    /*
     * States: blank(k), k = 0..K, "k characters emitted, now in a blank"; char(k, c), k = 1..K, "emitting the k-th
     * character, which is class c". Index of blank(k) is k; of char(k, c) is K + 1 + (k - 1) * classes + c.
     */
    private Constrained decode(int[][] template, double[] logp, float[] probs, int offset, int steps, int classes) {
        if (steps == 0) {
            return null;
        }
        int kMax = template.length;
        int states = kMax + 1 + kMax * classes;
        double[] score = new double[states];
        double[] next = new double[states];
        int[] back = new int[steps * states];
        Arrays.fill(score, NONE);
        score[0] = 0; // before the first column: nothing emitted, as if in the leading blank
        for (int t = 0; t < steps; t++) {
            Arrays.fill(next, NONE);
            int row = t * classes;
            int bt = t * states;
            for (int k = 0; k <= kMax; k++) {
                // blank(k): from blank(k) or from any char(k, c)
                double from = score[k];
                int arg = k;
                if (k > 0) {
                    for (int c : template[k - 1]) {
                        int s = charState(kMax, classes, k, c);
                        if (score[s] > from) {
                            from = score[s];
                            arg = s;
                        }
                    }
                }
                if (from > NONE) {
                    next[k] = from + logp[row];
                    back[bt + k] = arg;
                }
            }
            for (int k = 1; k <= kMax; k++) {
                // the best and second best char(k - 1, c') for entering char(k, c) straight from the previous character
                double best1 = NONE, best2 = NONE;
                int arg1 = -1, arg2 = -1, class1 = -1;
                if (k > 1) {
                    for (int c : template[k - 2]) {
                        int s = charState(kMax, classes, k - 1, c);
                        if (score[s] > best1) {
                            best2 = best1;
                            arg2 = arg1;
                            best1 = score[s];
                            arg1 = s;
                            class1 = c;
                        } else if (score[s] > best2) {
                            best2 = score[s];
                            arg2 = s;
                        }
                    }
                }
                for (int c : template[k - 1]) {
                    int s = charState(kMax, classes, k, c);
                    double from = score[s];
                    int arg = s;
                    if (score[k - 1] > from) {
                        from = score[k - 1];
                        arg = k - 1;
                    }
                    double direct = c == class1 ? best2 : best1;
                    int directArg = c == class1 ? arg2 : arg1;
                    if (direct > from) {
                        from = direct;
                        arg = directArg;
                    }
                    if (from > NONE) {
                        next[s] = from + logp[row + c];
                        back[bt + s] = arg;
                    }
                }
            }
            double[] swap = score;
            score = next;
            next = swap;
        }
        int end = kMax;
        double total = score[kMax];
        for (int c : template[kMax - 1]) {
            int s = charState(kMax, classes, kMax, c);
            if (score[s] > total) {
                total = score[s];
                end = s;
            }
        }
        if (total == NONE) {
            return null;
        }
        // walk back, collecting the characters and their best column probability
        int[] chars = new int[kMax];
        double[] conf = new double[kMax];
        int state = end;
        for (int t = steps - 1; t >= 0; t--) {
            if (state > kMax) {
                int k = (state - kMax - 1) / classes + 1;
                int c = (state - kMax - 1) % classes;
                chars[k - 1] = c;
                conf[k - 1] = Math.max(conf[k - 1], probs[offset + t * classes + c]);
            }
            state = back[t * states + state];
        }
        StringBuilder text = new StringBuilder();
        List<Double> confidences = new ArrayList<>(kMax);
        for (int k = 0; k < kMax; k++) {
            text.appendCodePoint(alphabet[chars[k] - 1]);
            confidences.add(conf[k]);
        }
        return new Constrained(text.toString(), confidences, total);
    }

    private static int charState(int kMax, int classes, int k, int c) {
        return kMax + 1 + (k - 1) * classes + c;
    }
}
