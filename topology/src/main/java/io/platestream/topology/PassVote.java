package io.platestream.topology;

import io.platestream.schemas.PlateColor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consensus of the reads of one vehicle pass: pure logic, no Kafka.
 *
 * <h2>Text</h2>
 * <ol>
 *   <li><b>Length.</b> Every read votes for its length (in characters) with its confidence; the heaviest length
 *       {@code L} wins (ties go to the length of the most confident read). An 8-character new-energy plate misread
 *       as 7 characters in a few frames keeps 8, and the other way round.</li>
 *   <li><b>Characters.</b> At each of the {@code L} positions, every read of length {@code L} votes for its character
 *       with that character's confidence ({@code char_confidences}; the read's confidence when those are missing).
 *       The heaviest character wins; ties go to the most confident read.</li>
 *   <li><b>Off-by-one reads.</b> A read one character longer or shorter is aligned to the provisional consensus of
 *       step 2 by deleting (or leaving a gap for) the one character that makes the most positions agree, and then
 *       votes at half weight on the positions it covers. A read whose alignment still disagrees at more than one
 *       position, and any read of another length, does not vote on characters.</li>
 * </ol>
 * The vote share of the winner at a position is its weight over the total weight at that position. Two misreads out
 * of ten frames lose at their positions because the eight correct reads outweigh them.
 *
 * <h2>Other fields</h2>
 * <ul>
 *   <li>Best read: the most confident read whose text is the consensus; failing that, the most confident read that is
 *       {@link PlateText#sameVehicle the same vehicle} as the consensus; failing that, the most confident read.</li>
 *   <li>Colour: vote of the reads' colours weighted by confidence (UNKNOWN only counts when nothing else was read);
 *       ties go to the best read's colour.</li>
 *   <li>Confidence: the weakest per-position share times the best read's confidence.</li>
 *   <li>Candidates: the distinct texts read, each with its confidence-weighted share of all reads and its read count,
 *       best first.</li>
 * </ul>
 */
public final class PassVote {

    /** Weight factor of a read one character longer or shorter than the consensus. */
    static final double OFF_LENGTH_WEIGHT = 0.5;

    /** A distinct text read during the pass. */
    public record CandidateScore(String plate, double score, int reads) {
    }

    /**
     * The outcome of a vote.
     *
     * @param plate      consensus text
     * @param color      consensus colour
     * @param best       the best read (see the class doc)
     * @param confidence weakest per-position share times the best read's confidence
     * @param shares     the winner's vote share at each position of {@code plate}
     * @param candidates distinct texts, best first
     */
    public record Result(String plate, PlateColor color, PassRead best, double confidence, double[] shares,
                         List<CandidateScore> candidates) {
        public Result {
            shares = shares.clone();
            candidates = List.copyOf(candidates);
        }
    }

    private PassVote() {
    }

    /** Votes over {@code reads} (at least one). */
    public static Result vote(List<PassRead> reads) {
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("a vote needs at least one read");
        }
        // Most confident first (stable: equal confidences keep capture order), so ties go to the most confident read.
        List<PassRead> ordered = new ArrayList<>(reads);
        ordered.sort(Comparator.comparingDouble(PassRead::confidence).reversed()
                .thenComparingLong(PassRead::capturedAt));

        int length = winningLength(ordered);
        List<Map<Integer, Double>> votes = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            votes.add(new LinkedHashMap<>());
        }
        for (PassRead r : ordered) {
            if (r.length() == length) {
                int[] cps = r.plate().codePoints().toArray();
                for (int i = 0; i < length; i++) {
                    votes.get(i).merge(cps[i], r.charWeight(i), Double::sum);
                }
            }
        }
        int[] provisional = argmax(votes, length, ordered.get(0));
        for (PassRead r : ordered) {
            if (Math.abs(r.length() - length) == 1 && length > 0) {
                int[] map = align(r.plate().codePoints().toArray(), provisional);
                if (map == null) {
                    continue;
                }
                int[] cps = r.plate().codePoints().toArray();
                for (int i = 0; i < length; i++) {
                    if (map[i] >= 0) {
                        votes.get(i).merge(cps[map[i]], OFF_LENGTH_WEIGHT * r.charWeight(map[i]), Double::sum);
                    }
                }
            }
        }
        int[] consensus = argmax(votes, length, ordered.get(0));
        double[] shares = new double[length];
        double weakest = 1;
        for (int i = 0; i < length; i++) {
            double total = votes.get(i).values().stream().mapToDouble(Double::doubleValue).sum();
            shares[i] = total <= 0 ? 0 : votes.get(i).getOrDefault(consensus[i], 0.0) / total;
            weakest = Math.min(weakest, shares[i]);
        }
        String plate = new String(consensus, 0, consensus.length);
        PassRead best = bestRead(ordered, plate);
        return new Result(plate, color(ordered, best), best, weakest * best.confidence(), shares,
                candidates(ordered));
    }

    private static int winningLength(List<PassRead> ordered) {
        Map<Integer, Double> byLength = new LinkedHashMap<>();
        for (PassRead r : ordered) {
            byLength.merge(r.length(), Math.max(1e-6, r.confidence()), Double::sum);
        }
        int best = ordered.get(0).length();
        double bestWeight = byLength.get(best);
        for (Map.Entry<Integer, Double> e : byLength.entrySet()) {
            if (e.getValue() > bestWeight) {
                best = e.getKey();
                bestWeight = e.getValue();
            }
        }
        return best;
    }

    /** The heaviest character per position; a tie goes to the character of {@code tieBreak} (then first voted). */
    private static int[] argmax(List<Map<Integer, Double>> votes, int length, PassRead tieBreak) {
        int[] tie = tieBreak.length() == length ? tieBreak.plate().codePoints().toArray() : null;
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            int bestChar = -1;
            double bestWeight = -1;
            for (Map.Entry<Integer, Double> e : votes.get(i).entrySet()) {
                double w = e.getValue();
                boolean better = w > bestWeight + 1e-12
                        || (Math.abs(w - bestWeight) <= 1e-12 && tie != null && e.getKey() == tie[i]);
                if (better) {
                    bestChar = e.getKey();
                    bestWeight = w;
                }
            }
            out[i] = bestChar < 0 ? '?' : bestChar;
        }
        return out;
    }

    /**
     * Maps each position of {@code target} to an index of {@code read} (or -1 for a gap) for a read one character
     * longer or shorter, choosing the single deletion or gap that makes most positions agree. Null when even the best
     * alignment disagrees at more than one covered position.
     */
    static int[] align(int[] read, int[] target) {
        int n = target.length;
        int[] bestMap = null;
        int bestMismatches = Integer.MAX_VALUE;
        if (read.length == n + 1) {
            for (int k = 0; k <= n; k++) {           // delete read[k]
                int[] map = new int[n];
                int mismatches = 0;
                for (int i = 0; i < n; i++) {
                    map[i] = i < k ? i : i + 1;
                    if (read[map[i]] != target[i]) {
                        mismatches++;
                    }
                }
                if (mismatches < bestMismatches) {
                    bestMismatches = mismatches;
                    bestMap = map;
                }
            }
        } else if (read.length == n - 1) {
            for (int k = 0; k < n; k++) {            // gap at target[k]
                int[] map = new int[n];
                int mismatches = 0;
                for (int i = 0; i < n; i++) {
                    map[i] = i < k ? i : i == k ? -1 : i - 1;
                    if (map[i] >= 0 && read[map[i]] != target[i]) {
                        mismatches++;
                    }
                }
                if (mismatches < bestMismatches) {
                    bestMismatches = mismatches;
                    bestMap = map;
                }
            }
        } else {
            throw new IllegalArgumentException("read length " + read.length + " is not target length " + n + " +- 1");
        }
        return bestMismatches <= 1 ? bestMap : null;
    }

    private static PassRead bestRead(List<PassRead> ordered, String plate) {
        for (PassRead r : ordered) {
            if (r.plate().equals(plate)) {
                return r;
            }
        }
        for (PassRead r : ordered) {
            if (PlateText.sameVehicle(r.plate(), plate)) {
                return r;
            }
        }
        return ordered.get(0);
    }

    private static PlateColor color(List<PassRead> ordered, PassRead best) {
        Map<PlateColor, Double> weights = new EnumMap<>(PlateColor.class);
        for (PassRead r : ordered) {
            if (r.color() != PlateColor.UNKNOWN) {
                weights.merge(r.color(), Math.max(1e-6, r.confidence()), Double::sum);
            }
        }
        if (weights.isEmpty()) {
            return PlateColor.UNKNOWN;
        }
        PlateColor winner = best.color();
        double winnerWeight = weights.getOrDefault(winner, -1.0);
        for (Map.Entry<PlateColor, Double> e : weights.entrySet()) {
            if (e.getValue() > winnerWeight + 1e-12) {
                winner = e.getKey();
                winnerWeight = e.getValue();
            }
        }
        return winner;
    }

    private static List<CandidateScore> candidates(List<PassRead> ordered) {
        Map<String, double[]> byText = new LinkedHashMap<>();  // text -> {weight, reads}
        double total = 0;
        for (PassRead r : ordered) {
            double w = Math.max(1e-6, r.confidence());
            total += w;
            double[] acc = byText.computeIfAbsent(r.plate(), t -> new double[2]);
            acc[0] += w;
            acc[1] += 1;
        }
        List<CandidateScore> out = new ArrayList<>();
        for (Map.Entry<String, double[]> e : byText.entrySet()) {
            out.add(new CandidateScore(e.getKey(), e.getValue()[0] / total, (int) e.getValue()[1]));
        }
        out.sort(Comparator.comparingDouble(CandidateScore::score).reversed()
                .thenComparing(Comparator.comparingInt(CandidateScore::reads).reversed())
                .thenComparing(CandidateScore::plate));
        return out;
    }
}
