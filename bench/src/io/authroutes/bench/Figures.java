package io.authroutes.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One figure measured over rounds: min / median / max, printed with its unit. */
final class Figures {

    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        s.sort(Double::compare);
        return s;
    }

    /** {@code median (min-max)}, or the single value when all rounds agree. */
    String format(String pattern) {
        if (values.isEmpty()) {
            return "—";
        }
        String median = String.format(Locale.ROOT, pattern, median());
        return min() == max() ? median
                : median + " (" + String.format(Locale.ROOT, pattern, min()) + "-" + String.format(Locale.ROOT, pattern, max()) + ")";
    }

    /** This figure over a baseline, round by round: {@code median x (min-max)}. */
    static Figures ratio(Figures figure, Figures baseline) {
        Figures ratio = new Figures();
        for (int i = 0; i < Math.min(figure.values.size(), baseline.values.size()); i++) {
            ratio.add(figure.values.get(i) / baseline.values.get(i));
        }
        return ratio;
    }
}
